import "server-only";
import { csvLine } from "@/lib/deals/list/csv";
import { xlsxStream } from "@/lib/deals/list/xlsx";

export type Cells = (string | number | null)[];

/**
 * A table as a download, streamed a page at a time: CSV (UTF-8 with a BOM, so Excel reads
 * Vietnamese correctly) or an .xlsx workbook. `nextPage` gives the next rows, or null at the end;
 * `numeric` names the columns holding amounts, which become numbers in Excel.
 */
export function tableExportResponse({ format, filename, sheet, header, nextPage, numeric = new Set() }: { format: "csv" | "xlsx"; filename: string; sheet: string; header: string[]; nextPage: () => Promise<Cells[] | null>; numeric?: ReadonlySet<number> }): Response {
  if (format === "xlsx") {
    const xlsx = xlsxStream(sheet);
    void (async () => {
      try {
        xlsx.addRow(header);
        for (let page = await nextPage(); page; page = await nextPage()) for (const cells of page) xlsx.addRow(cells, numeric);
        await xlsx.finish();
      } catch (error) {
        console.error("[export] xlsx failed", error);
        xlsx.fail(error);
      }
    })();
    return new Response(xlsx.body, {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="${filename}.xlsx"`,
        "cache-control": "no-store",
      },
    });
  }
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        }
        const page = await nextPage();
        if (page) controller.enqueue(encoder.encode(page.map(csvLine).join("")));
        else controller.close();
      } catch (error) {
        console.error("[export] failed", error);
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}.csv"`,
      "cache-control": "no-store",
    },
  });
}
