/**
 * Reading a CSV file as people's spreadsheets write it: UTF-8 (with or without a BOM), a comma,
 * semicolon or tab as the delimiter (whichever the header line uses most), quoted fields with
 * doubled quotes and line breaks inside. Anything else is a clear error, never a guess.
 */
export type CsvTable = { header: string[]; rows: string[][] };
export type CsvError = "notUtf8" | "empty" | "unterminatedQuote" | "tooManyColumns" | "tooManyRows";
/** Past these a file is refused while it is read, before it costs memory. */
export const MAX_COLUMNS = 100;
export const MAX_ROWS = 10_000;

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // NUL cannot be stored in PostgreSQL text; it has no place in a spreadsheet cell either.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "").replace(/\u0000/g, "");
  } catch {
    return null;
  }
}

export function detectDelimiter(firstLine: string): "," | ";" | "\t" {
  const counts = ([",", ";", "\t"] as const).map((d) => [d, firstLine.split(d).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

export function parseCsv(text: string): { ok: true; table: CsvTable } | { ok: false; error: CsvError } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  if (!firstLine.trim()) return { ok: false, error: "empty" };
  const delimiter = detectDelimiter(firstLine);
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      if (record.length > MAX_COLUMNS) return { ok: false, error: "tooManyColumns" };
      if (records.length > MAX_ROWS + 1 && record.some((v) => v.trim() !== "")) return { ok: false, error: "tooManyRows" };
      record = [];
      field = "";
    } else field += c;
  }
  if (quoted) return { ok: false, error: "unterminatedQuote" };
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  if (records.some((r) => r.length > MAX_COLUMNS)) return { ok: false, error: "tooManyColumns" };
  const nonEmpty = records.filter((r) => r.some((v) => v.trim() !== ""));
  const [header, ...rows] = nonEmpty;
  if (!header || rows.length === 0) return { ok: false, error: "empty" };
  return { ok: true, table: { header: header.map((h) => h.trim()), rows } };
}
