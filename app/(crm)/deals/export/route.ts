import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/viewer";
import { csvHeader, csvLine, csvRow } from "@/lib/deals/list/csv";
import { getListColumns } from "@/lib/deals/list/preferences";
import { listDealsPage } from "@/lib/deals/list/queries";
import { xlsxStream } from "@/lib/deals/list/xlsx";
import { parseListQuery, withoutAmounts, type ListQuery, type PageSize } from "@/lib/deals/list/query";
import { todayIn } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { hidesAnyAmounts } from "@/lib/permissions";

export const dynamic = "force-dynamic";
const BATCH = 1000 as PageSize;

/**
 * The current filter and columns as CSV (UTF-8 with a BOM, so Excel reads Vietnamese correctly)
 * or, with ?format=xlsx, as an Excel workbook; streamed a keyset page at a time: 100,000 rows never sit in memory. Only deals the viewer may
 * EXPORT are included.
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  const url = new URL(request.url);
  if (!viewer) return Response.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`, url), 303);
  const { t } = await getI18n();
  const db = await getDb();
  let query: ListQuery = { ...parseListQuery(url.searchParams), after: null, before: null, size: BATCH };
  if (hidesAnyAmounts(viewer)) query = withoutAmounts(query);
  const columns = await getListColumns(db, viewer);
  const context = { viewerId: viewer.id, timezone: viewer.org.timezone };
  const filename = `deals-${todayIn(viewer.org.timezone)}`;
  const nextPage = (after: string | null) => listDealsPage(db, viewer, { ...query, after }, context, "EXPORT");

  if (url.searchParams.get("format") === "xlsx") {
    const xlsx = xlsxStream(t("deals.title"));
    // The amount column (after the id, where the user put it) is a number in Excel.
    const amountAt = columns.indexOf("amount");
    const numeric = new Set(amountAt >= 0 ? [1 + columns.slice(0, amountAt).length] : []);
    void (async () => {
      try {
        xlsx.addRow(csvHeader(columns, t));
        let after: string | null = null;
        do {
          const page = await nextPage(after);
          for (const row of page.rows) xlsx.addRow(csvRow(row, columns, t, viewer.org.timezone), numeric);
          after = page.next;
        } while (after);
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
  let after: string | null = null;
  let started = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(csvHeader(columns, t))}`));
        }
        const page = await nextPage(after);
        controller.enqueue(encoder.encode(page.rows.map((row) => csvLine(csvRow(row, columns, t, viewer.org.timezone))).join("")));
        after = page.next;
        if (!after) controller.close();
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
