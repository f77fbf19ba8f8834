import { funnelTable } from "@/lib/analytics/funnel-table";
import { loadFunnels } from "@/lib/analytics/funnel";
import { reportExportRoute } from "@/lib/analytics/report-export";

export const dynamic = "force-dynamic";

/** The funnel report of the page's filters as CSV or Excel. */
export const GET = reportExportRoute("funnel", async (db, viewer, report, t) => {
  const table = funnelTable(await loadFunnels(db, viewer, report), report, t, viewer.org.baseCurrency);
  return { sheet: t("analytics.funnel"), header: table.header, rows: table.rows, numeric: table.numeric };
});
