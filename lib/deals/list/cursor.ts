/** A keyset cursor: the sort value (as PostgreSQL prints it) and the id of a row. Opaque in URLs. */
export type Cursor = { value: string | null; id: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id]), "utf8").toString("base64url");
}

/** A cursor from a URL; anything malformed is null (the first page), never an error. */
export function decodeCursor(raw: string | null): Cursor | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed;
    if ((value !== null && typeof value !== "string") || typeof id !== "number" || !Number.isInteger(id) || id <= 0 || id >= 2 ** 31) return null;
    if (typeof value === "string" && (value.length > 400 || value.includes("\u0000"))) return null;
    return { value, id };
  } catch {
    return null;
  }
}
