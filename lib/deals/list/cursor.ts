import { parseId } from "@/lib/ids";
import { isCalendarDate } from "./url-state";

/**
 * The one cursor decoder. A keyset cursor is the sort value (as PostgreSQL prints it) and the id
 * of a row, opaque in URLs; the list's and the board's pages both read theirs here. Anything a
 * forged URL could put there that the database would refuse (an offset of +14:99, a 31 February,
 * an id beyond 2³¹−1, a NUL) reads as no cursor: the first page, never an error.
 */
export type Cursor = { value: string | null; id: number };

/** What a cursor's value is compared with: the sort column's type. */
export type SortType = "timestamptz" | "date" | "numeric" | "int" | "text";

const valueShapes: Record<SortType, (v: string) => boolean> = {
  // As PostgreSQL prints it, e.g. "2026-11-27 02:51:00.123456+00" or "…+05:30"; offsets within ±14:59.
  timestamptz: (v) => /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-](0\d|1[0-4])(:[0-5]\d)?)?$/.test(v) && isCalendarDate(v.slice(0, 10)),
  date: (v) => isCalendarDate(v),
  numeric: (v) => /^-?\d{1,20}(\.\d{1,10})?$/.test(v),
  int: (v) => /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) < 2 ** 31,
  text: (v) => v.length <= 400 && !v.includes("\u0000"),
};

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id]), "utf8").toString("base64url");
}

/** A cursor from a URL for a column of this type; anything malformed is null (the first page). */
export function decodeCursor(raw: string | null, type: SortType): Cursor | null {
  if (!raw || raw.length > 600) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed;
    if (typeof value !== "string" || parseId(id) === null) return null;
    return valueShapes[type](value) ? { value, id } : null;
  } catch {
    return null;
  }
}

/** The card timeline's "older than" cursor: an ISO instant from a "Show older" link; anything else reads as the newest page. */
export function decodeInstant(value: unknown): Date | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 ? null : date;
}
