import { loadEmployees, OVERDUE_CAP } from "@/lib/analytics/employees";
import { lastDay } from "@/lib/analytics/period";
import { reportExportRoute } from "@/lib/analytics/report-export";

export const dynamic = "force-dynamic";

/** The employees report of the page's filters as CSV or Excel. */
export const GET = reportExportRoute("employees", async (db, viewer, report, t) => {
  const rows = await loadEmployees(db, viewer, report);
  const currency = viewer.org.baseCurrency;
  const period = `${report.period.from} – ${lastDay(report.period)}`;
  return {
    sheet: t("analytics.employees.title"),
    header: [
      t("analytics.period"),
      t("analytics.responsible"),
      t("analytics.employees.entered"),
      t("analytics.won"),
      t("analytics.employees.wonAmount", { currency }),
      t("analytics.lostReasons"),
      `${t("analytics.conversion")} %`,
      t("analytics.employees.averageDeal"),
      t("analytics.employees.cycleDays"),
      t("analytics.employees.activitiesDone"),
      t("analytics.employees.overdueNow"),
    ],
    rows: rows.map((r) => [period, r.name, r.entered.count, r.won.count, r.won.sum, r.lost.count, r.conversion, r.averageDeal, r.cycleDays, r.activitiesDone, r.overdueNow > OVERDUE_CAP ? `${OVERDUE_CAP}+` : r.overdueNow]),
    numeric: [2, 3, 4, 5, 6, 7, 8, 9],
  };
});
