import { topCustomers } from "@/lib/analytics/customers";
import { reportExportRoute } from "@/lib/analytics/report-export";

export const dynamic = "force-dynamic";

/** The top companies and contacts of the page's filters as CSV or Excel. */
export const GET = reportExportRoute("customers", async (db, viewer, report, t) => {
  const top = await topCustomers(db, viewer, report);
  const currency = viewer.org.baseCurrency;
  const rows = (kind: string, list: typeof top.companies) => list.map((c) => [kind, c.name, c.deals, c.revenue, c.averageDeal]);
  return {
    sheet: t("analytics.customers.title"),
    header: ["", t("analytics.customers.client"), t("analytics.customers.deals"), t("analytics.customers.revenue", { currency }), t("analytics.customers.averageDeal")],
    rows: [...rows(t("analytics.customers.companies"), top.companies), ...rows(t("analytics.customers.contacts"), top.contacts)],
    numeric: [2, 3, 4],
  };
});
