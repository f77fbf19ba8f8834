import ExcelJS from "exceljs";
import { MAX_COLUMNS, MAX_ROWS, type CsvTable } from "./csv";
import { declaredUncompressedSize } from "./zip-size";

/** An .xlsx of 10,000 rows × 100 columns is far below this once unzipped; anything above is refused unread. */
export const MAX_XLSX_UNZIPPED_MB = 200;

/** The first worksheet of an .xlsx file as text cells: the same table a CSV gives. */
export async function readXlsx(bytes: Uint8Array): Promise<{ ok: true; table: CsvTable } | { ok: false; error: "notXlsx" | "empty" | "tooManyColumns" | "tooManyRows" | "tooLargeUnzipped" }> {
  const unzipped = declaredUncompressedSize(bytes);
  if (unzipped === null) return { ok: false, error: "notXlsx" };
  if (unzipped > MAX_XLSX_UNZIPPED_MB * 1024 * 1024) return { ok: false, error: "tooLargeUnzipped" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return { ok: false, error: "notXlsx" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "empty" };
  if (sheet.columnCount > MAX_COLUMNS) return { ok: false, error: "tooManyColumns" };
  if (sheet.actualRowCount > MAX_ROWS + 1) return { ok: false, error: "tooManyRows" };
  const records: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    numbers.push(row.number);
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      // Dates as ISO days (what the import reads); everything else as the text Excel shows.
      values.push(cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : (cell.text ?? "").replace(/\u0000/g, "").trim());
    }
    records.push(values);
  });
  const kept = records.map((r, i) => ({ r, line: numbers[i]! })).filter(({ r }) => r.some((v) => v !== ""));
  const [header, ...rows] = kept;
  if (!header || rows.length === 0) return { ok: false, error: "empty" };
  return { ok: true, table: { header: header.r, rows: rows.map((x) => x.r), lines: rows.map((x) => x.line) } };
}
