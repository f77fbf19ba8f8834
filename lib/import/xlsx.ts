import ExcelJS from "exceljs";
import type { CsvTable } from "./csv";

/** The first worksheet of an .xlsx file as text cells: the same table a CSV gives. */
export async function readXlsx(bytes: Uint8Array): Promise<{ ok: true; table: CsvTable } | { ok: false; error: "notXlsx" | "empty" }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return { ok: false, error: "notXlsx" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "empty" };
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      // Dates as ISO days (what the import reads); everything else as the text Excel shows.
      values.push(cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : (cell.text ?? "").trim());
    }
    records.push(values);
  });
  const [header, ...rows] = records.filter((r) => r.some((v) => v !== ""));
  if (!header || rows.length === 0) return { ok: false, error: "empty" };
  return { ok: true, table: { header, rows } };
}
