import { z } from "zod";
import { funnelTable } from "@/lib/analytics/funnel-table";
import { loadFunnels } from "@/lib/analytics/funnel";
import { loadReport } from "@/lib/analytics/report";
import { defineRoute } from "@/lib/http/route";
import { tableExportResponse } from "@/lib/http/table-export";

export const dynamic = "force-dynamic";

/** The funnel report of the page's filters as CSV or Excel: the same figures, through the same rule. */
export const GET = defineRoute({
  signedOut: "login",
  query: z.object({ format: z.enum(["csv", "xlsx"]).optional() }),
  handle: async ({ query: { format = "csv" } }, { viewer, db, t, url }) => {
    const report = await loadReport(db, viewer, url.searchParams);
    const table = funnelTable(await loadFunnels(db, viewer, report), report, t, viewer.org.baseCurrency);
    let sent = false;
    const nextPage = async () => (sent ? null : ((sent = true), table.rows));
    return tableExportResponse({ format, filename: `funnel-${report.period.from}`, sheet: t("analytics.funnel"), header: table.header, nextPage, numeric: table.numeric });
  },
});
