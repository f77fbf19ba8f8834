import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";

/**
 * A streaming .xlsx writer: rows are written as they come and the file streams out as it is
 * zipped, so 100,000 rows never sit in memory. Returns the web stream and the functions to feed it.
 */
export function xlsxStream(sheetName: string) {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  return {
    body: Readable.toWeb(output) as ReadableStream<Uint8Array>,
    /** `numeric`: the positions holding amounts; those that survive a double become numbers Excel can sum. Text stays text ("007" keeps its zeros). */
    addRow(values: (string | number | null)[], numeric: ReadonlySet<number> = new Set()) {
      sheet.addRow(values.map((v, i) => (numeric.has(i) && typeof v === "string" && /^-?\d{1,15}(\.\d{1,2})?$/.test(v) ? Number(v) : v))).commit();
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
    fail(error: unknown) {
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  };
}
