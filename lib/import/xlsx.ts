import ExcelJS from "exceljs";
import { MAX_COLUMNS, MAX_ROWS, type CsvTable } from "./csv";
import { worksheetBounds } from "./xlsx-bounds";
import { inflateEntry, storedZip, zipEntries, type ZipEntry } from "./zip";

/** An .xlsx of 10,000 rows × 100 columns is far below this once unzipped; inflating stops as soon as it passes it. */
export const MAX_XLSX_UNZIPPED_MB = 200;
/** The workbook's index, its relationships and its styles are small in any real file. */
const MAX_PART_BYTES = 5 * 1024 * 1024;
const MAX_SHARED_STRINGS = (MAX_ROWS + 1) * MAX_COLUMNS;

export type XlsxError = "notXlsx" | "empty" | "tooManyColumns" | "tooManyRows" | "tooLargeUnzipped";

/** The first worksheet of an .xlsx file as text cells: the same table a CSV gives. */
export async function readXlsx(bytes: Uint8Array): Promise<{ ok: true; table: CsvTable } | { ok: false; error: XlsxError }> {
  const parts = await firstSheetParts(bytes);
  if (!parts.ok) return parts;
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs reads only the parts checked above, repacked uncompressed: nothing it inflates is unbounded.
    await workbook.xlsx.load(storedZip(parts.files) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, error: "notXlsx" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "empty" };
  // A getter that walks every row: read once (in the loop below it made reading quadratic).
  const columnCount = sheet.columnCount;
  if (columnCount > MAX_COLUMNS) return { ok: false, error: "tooManyColumns" };
  if (sheet.actualRowCount > MAX_ROWS + 1) return { ok: false, error: "tooManyRows" };
  const records: string[][] = [];
  const numbers: number[] = [];
  // One shared string may fill many cells: the table is bounded like the file, by what it expands to.
  let characters = 0;
  const maxCharacters = MAX_XLSX_UNZIPPED_MB * 1024 * 1024;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (characters > maxCharacters) return;
    numbers.push(row.number);
    const values: string[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.getCell(c);
      // Dates as ISO days (what the import reads); everything else as the text Excel shows.
      const text = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : (cell.text ?? "").replace(/\u0000/g, "").trim();
      characters += text.length;
      if (characters > maxCharacters) return;
      values.push(text);
    }
    records.push(values);
  });
  if (characters > maxCharacters) return { ok: false, error: "tooLargeUnzipped" };
  const kept = records.map((r, i) => ({ r, line: numbers[i]! })).filter(({ r }) => r.some((v) => v !== ""));
  const [header, ...rows] = kept;
  if (!header || rows.length === 0) return { ok: false, error: "empty" };
  return { ok: true, table: { header: header.r, rows: rows.map((x) => x.r), lines: rows.map((x) => x.line) } };
}

/**
 * The parts of the workbook its first worksheet needs, each inflated under a hard cap on what it
 * actually produces (together at most MAX_XLSX_UNZIPPED_MB), the worksheet's rows and columns and
 * the number of shared strings counted in the XML before anything builds a model of them.
 */
async function firstSheetParts(bytes: Uint8Array): Promise<{ ok: true; files: [string, Buffer][] } | { ok: false; error: XlsxError }> {
  const entries = zipEntries(bytes);
  if (!entries) return { ok: false, error: "notXlsx" };
  let budget = MAX_XLSX_UNZIPPED_MB * 1024 * 1024;
  const files: [string, Buffer][] = [];
  const read = async (entry: ZipEntry, limit = budget): Promise<Buffer | XlsxError> => {
    const content = await inflateEntry(entry, Math.min(limit, budget));
    if (content === null) return "notXlsx";
    if (content === "tooLarge") return "tooLargeUnzipped";
    budget -= content.length;
    files.push([entry.name, content]);
    return content;
  };
  const workbookEntry = entries.get("xl/workbook.xml");
  const relsEntry = entries.get("xl/_rels/workbook.xml.rels");
  if (!workbookEntry || !relsEntry) return { ok: false, error: "notXlsx" };
  const workbookXml = await read(workbookEntry, MAX_PART_BYTES);
  if (typeof workbookXml === "string") return { ok: false, error: workbookXml };
  const relsXml = await read(relsEntry, MAX_PART_BYTES);
  if (typeof relsXml === "string") return { ok: false, error: relsXml };
  const sheetEntry = firstWorksheet(workbookXml.toString("utf8"), relsXml.toString("utf8"), entries);
  if (!sheetEntry) return { ok: false, error: "empty" };
  const stylesEntry = entries.get("xl/styles.xml");
  if (stylesEntry) {
    const styles = await read(stylesEntry, MAX_PART_BYTES);
    if (typeof styles === "string") return { ok: false, error: styles };
  }
  const stringsEntry = entries.get("xl/sharedStrings.xml");
  if (stringsEntry) {
    const strings = await read(stringsEntry);
    if (typeof strings === "string") return { ok: false, error: strings };
    if (countTags(strings, "<si") > MAX_SHARED_STRINGS) return { ok: false, error: "tooLargeUnzipped" };
  }
  const sheetXml = await read(sheetEntry);
  if (typeof sheetXml === "string") return { ok: false, error: sheetXml };
  const bounds = worksheetBounds(sheetXml);
  if (bounds.columns > MAX_COLUMNS) return { ok: false, error: "tooManyColumns" };
  // Rows with values are what the import counts; rows without any are bounded too (each costs memory).
  if (bounds.rowsWithValues > MAX_ROWS + 1 || bounds.rows > 2 * (MAX_ROWS + 1)) return { ok: false, error: "tooManyRows" };
  return { ok: true, files };
}

/** The worksheet exceljs would make the first: the first sheet of workbook.xml whose relationship names an existing worksheet part. */
function firstWorksheet(workbookXml: string, relsXml: string, entries: Map<string, ZipEntry>): ZipEntry | null {
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<Relationship\s[^>]*>/g) ?? []) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (id !== null && target !== null) targets.set(id, target);
  }
  for (const tag of workbookXml.match(/<sheet\s[^>]*>/g) ?? []) {
    const target = targets.get(attribute(tag, "r:id") ?? "");
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, "")}`;
    const entry = entries.get(path);
    if (entry && /xl\/worksheets\/sheet(\d+)[.]xml/.test(path)) return entry;
  }
  return null;
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  if (!match) return null;
  const value = match[1] ?? match[2] ?? "";
  const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e]!);
}

function countTags(xml: Buffer, open: string): number {
  let count = 0;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    const next = xml[at + open.length];
    // "<si>" or "<si ...", not "<sil...".
    if (next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) count++;
  }
  return count;
}
