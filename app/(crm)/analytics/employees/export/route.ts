import { z } from "zod";
import { loadEmployees, OVERDUE_CAP } from "@/lib/analytics/employees";
import { lastDay } from "@/lib/analytics/period";
import { loadReport } from "@/lib/analytics/report";
import { defineRoute } from "@/lib/http/route";
import { tableExportResponse } from "@/lib/http/table-export";

export const dynamic = "force-dynamic";

/** The employees report of the page's filters as CSV or Excel: the same figures, through the same rule. */
export const GET = defineRoute({
  signedOut: "login",
  query: z.object({ format: z.enum(["csv", "xlsx"]).optional() }),
  handle: async ({ query: { format = "csv" } }, { viewer, db, t, url }) => {
    const report = await loadReport(db, viewer, url.searchParams);
    const rows = await loadEmployees(db, viewer, report);
    const currency = viewer.org.baseCurrency;
    const period = `${report.period.from} – ${lastDay(report.period)}`;
    const header = [
      t("analytics.period"),
      t("analytics.responsible"),
      t("analytics.employees.entered"),
      t("analytics.won"),
      t("analytics.employees.wonAmount", { currency }),
      t("analytics.lostReasons"),
      `${t("analytics.conversion")} %`,
      t("analytics.employees.averageDeal"),
      t("analytics.employees.cycleDays"),
      t("analytics.employees.overdueNow"),
    ];
    let sent = false;
    const nextPage = async () =>
      sent ? null : ((sent = true), rows.map((r) => [period, r.name, r.entered.count, r.won.count, r.won.sum, r.lost.count, r.conversion, r.averageDeal, r.cycleDays, r.overdueNow > OVERDUE_CAP ? `${OVERDUE_CAP}+` : r.overdueNow]));
    return tableExportResponse({ format, filename: `employees-${report.period.from}`, sheet: t("analytics.employees.title"), header, nextPage, numeric: new Set([2, 3, 4, 5, 6, 7, 8]) });
  },
});
