import { resolveGrain } from "@/lib/analytics/grain";
import { lastDay } from "@/lib/analytics/period";
import { reportExportRoute } from "@/lib/analytics/report-export";
import { forecast, wonOverTime } from "@/lib/analytics/revenue";
import { todayIn } from "@/lib/i18n/format";

export const dynamic = "force-dynamic";

/** Won revenue per day, week or month of the page's filters, then the forecast's months, as CSV or Excel. */
export const GET = reportExportRoute("revenue", async (db, viewer, report, t) => {
  const grain = resolveGrain(report.query.grain, report.period);
  const [points, ahead] = await Promise.all([wonOverTime(db, viewer, report, grain), forecast(db, viewer, report, todayIn(viewer.org.timezone))]);
  const currency = viewer.org.baseCurrency;
  return {
    sheet: t("analytics.tabs.revenue"),
    header: [t("analytics.revenue.bucket"), t("analytics.revenue.wonDeals"), t("analytics.revenue.wonAmount", { currency }), t("analytics.forecast.weighted", { currency }), t("analytics.forecast.withoutProbability")],
    rows: [
      ...points.map((p) => [`${p.span.from} – ${lastDay(p.span)}`, p.now.count, p.now.sum, null, null]),
      ...ahead.map((row) => [`${t("analytics.forecast.title")}: ${row.key === "overdue" ? t("analytics.forecast.overdue") : row.key.slice(0, 7)}`, row.count, row.amount, row.weighted, row.withoutProbability]),
    ],
    numeric: [1, 2, 3, 4],
  };
});
