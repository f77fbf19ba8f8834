import { staleNow, stageCycleTimes, STALE_CAP } from "@/lib/analytics/cycle-time";
import { reportExportRoute } from "@/lib/analytics/report-export";

export const dynamic = "force-dynamic";

/** Days in each stage and the stale deals now, for the page's filters, as CSV or Excel. */
export const GET = reportExportRoute("cycle-time", async (db, viewer, report, t) => {
  const [cycles, stale] = await Promise.all([stageCycleTimes(db, viewer, report), staleNow(db, viewer, report)]);
  const rows = report.reported.flatMap((p) =>
    p.stages
      .filter((s) => s.semantics === "P" || cycles.has(s.id))
      .map((s) => {
        const c = cycles.get(s.id);
        const n = stale.get(s.id);
        return [p.name, s.name, c?.stays ?? 0, c?.medianDays ?? null, c?.p90Days ?? null, n === undefined ? null : n > STALE_CAP ? `${STALE_CAP}+` : n];
      }),
  );
  return {
    sheet: t("analytics.tabs.cycle"),
    header: [t("deals.fields.pipeline"), t("analytics.stage"), t("analytics.cycle.stays"), t("analytics.cycle.median"), t("analytics.cycle.p90"), t("analytics.cycle.stale")],
    rows,
    numeric: [2, 3, 4],
  };
});
