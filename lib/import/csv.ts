/**
 * Reading a CSV file as people's spreadsheets write it: UTF-8 (with or without a BOM), a comma,
 * semicolon or tab as the delimiter (whichever the header line uses most), quoted fields with
 * doubled quotes and line breaks inside. Anything else is a clear error, never a guess.
 */
/** `lines`: the line of the file (or sheet row) each data row starts on, for messages that name it. */
export type CsvTable = { header: string[]; rows: string[][]; lines: number[] };
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
  const starts: number[] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  // Lines are counted in the file, line breaks inside quoted cells included: what an editor shows.
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      starts.push(recordLine);
      line++;
      recordLine = line;
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
    starts.push(recordLine);
  }
  if (records.some((r) => r.length > MAX_COLUMNS)) return { ok: false, error: "tooManyColumns" };
  const kept = records.map((r, i) => ({ r, line: starts[i]! })).filter(({ r }) => r.some((v) => v.trim() !== ""));
  const [header, ...rows] = kept;
  if (!header || rows.length === 0) return { ok: false, error: "empty" };
  return { ok: true, table: { header: header.r.map((h) => h.trim()), rows: rows.map((x) => x.r), lines: rows.map((x) => x.line) } };
}
