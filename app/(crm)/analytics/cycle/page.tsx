import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { STALE_CAP, staleNow, stageCycleTimes } from "@/lib/analytics/cycle-time";
import { leftListHref, staleBoardHref } from "@/lib/analytics/drill-down";
import { formatCount, formatDays } from "@/lib/i18n/format";
import { BarChart } from "@/app/_components/analytics/bar-chart";
import { ExportLinks, ReportHeader } from "@/app/_components/analytics/report-header";
import { ChartTable } from "@/app/_components/analytics/chart-table";
import { openReport, type ReportSearchParams } from "@/lib/analytics/report-page";

export const generateMetadata = titled("titles.analyticsCycleTime");

type Props = { searchParams: ReportSearchParams };

/** Per pipeline and stage: how long the deals that left it in the period spent there (median, 90th percentile), and how many are stale now. */
export default async function CycleTimeReportPage({ searchParams }: Props) {
  const { viewer, t, locale, db, report } = await openReport(searchParams);
  const [cycles, stale] = await Promise.all([stageCycleTimes(db, viewer, report), staleNow(db, viewer, report)]);
  const days = (value: number | null) => formatDays(value, locale);
  return (
    <>
      <ReportHeader report={report} current="cycle" t={t} locale={locale} aside={<ExportLinks path="/analytics/cycle/export" report={report} t={t} />} />
      {report.reported.length === 0 && <p>{t("analytics.noPipelines")}</p>}
      {report.reported.map((pipeline) => {
        const stages = pipeline.stages.filter((s) => s.semantics === "P" || cycles.has(s.id));
        const measured = stages.filter((s) => cycles.get(s.id)?.stays);
        const slowest = measured.reduce<(typeof measured)[number] | null>((a, s) => (!a || (cycles.get(s.id)!.medianDays ?? 0) > (cycles.get(a.id)!.medianDays ?? 0) ? s : a), null);
        const titleId = `cycle-${pipeline.id}`;
        return (
          <section key={pipeline.id} className="card-section" aria-labelledby={titleId}>
            <h2 id={titleId}>{t("analytics.cycle.title", { pipeline: pipeline.name })}</h2>
            <p className="muted">{t("analytics.cycle.intro")}</p>
            <p className="chart-summary">
              {slowest ? t("analytics.cycle.summary", { stage: slowest.name, median: days(cycles.get(slowest.id)!.medianDays) }) : t("analytics.cycle.none")}
            </p>
            {measured.length > 0 && (
              <BarChart
                label={t("analytics.cycle.chart", { pipeline: pipeline.name })}
                color="var(--warn)"
                bars={measured.map((s) => {
                  const c = cycles.get(s.id)!;
                  return {
                    key: s.id,
                    label: s.name,
                    value: c.medianDays ?? 0,
                    display: days(c.medianDays),
                    href: leftListHref(report.filter, pipeline.id, s.id, report.period),
                    title: t("analytics.cycle.barLabel", { stage: s.name, median: days(c.medianDays), p90: days(c.p90Days), count: formatCount(c.stays, locale) }),
                  };
                })}
              />
            )}
            <ChartTable t={t} open>
                  <thead>
                    <tr>
                      <th scope="col">{t("analytics.stage")}</th>
                      <th scope="col" className="num">{t("analytics.cycle.stays")}</th>
                      <th scope="col" className="num">{t("analytics.cycle.median")}</th>
                      <th scope="col" className="num">{t("analytics.cycle.p90")}</th>
                      <th scope="col" className="num">{t("analytics.cycle.stale")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stages.map((s) => {
                      const c = cycles.get(s.id);
                      const n = stale.get(s.id);
                      return (
                        <tr key={s.id}>
                          <th scope="row">{s.name}</th>
                          <td className="num">{c?.stays ? <Link href={leftListHref(report.filter, pipeline.id, s.id, report.period)}>{formatCount(c.stays, locale)}</Link> : 0}</td>
                          <td className="num">{days(c?.medianDays ?? null)}</td>
                          <td className="num">{days(c?.p90Days ?? null)}</td>
                          <td className="num">
                            {n === undefined ? (
                              "—"
                            ) : n === 0 ? (
                              0
                            ) : (
                              <Link href={staleBoardHref(report.filter, pipeline.id, s.id)} aria-label={t("analytics.cycle.staleLabel", { stage: s.name, count: n > STALE_CAP ? `${STALE_CAP}+` : formatCount(n, locale) })}>
                                {n > STALE_CAP ? `${STALE_CAP}+` : formatCount(n, locale)}
                              </Link>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </ChartTable>
          </section>
        );
      })}
    </>
  );
}
