import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { loadEmployees, OVERDUE_CAP } from "@/lib/analytics/employees";
import { listQueryParams, parseListQuery } from "@/lib/deals/list/url-state";
import { formatCount, formatDays, formatMaybeMoney, formatPercent } from "@/lib/i18n/format";
import { BarChart } from "@/app/_components/analytics/bar-chart";
import { ExportLinks, ReportHeader } from "@/app/_components/analytics/report-header";
import { openReport, type ReportSearchParams } from "@/lib/analytics/report-page";

export const generateMetadata = titled("titles.analyticsEmployees");

type Props = { searchParams: ReportSearchParams };

/** Each responsible's results in the period: entered, won, lost, conversion, average deal, days to win, activities done, overdue now. */
export default async function EmployeesReportPage({ searchParams }: Props) {
  const { viewer, t, locale, db, report } = await openReport(searchParams);
  const rows = await loadEmployees(db, viewer, report);
  const currency = viewer.org.baseCurrency;
  const money = (sum: string | null) => formatMaybeMoney(sum, currency, locale, t("common.hidden"));
  const stagesOf = (semantics: "S" | "F") => report.reported.flatMap((p) => p.stages.filter((s) => s.semantics === semantics).map((s) => s.id));
  const firstStages = report.reported.flatMap((p) => p.stages.filter((s) => s.semantics === "P").slice(0, 1).map((s) => s.id));
  const href = (stageIds: number[], personId: number) => reachedListHref(report.filter, report.query.pipeline, stageIds, report.period, [personId]);
  const overdueHref = (personId: number) => `/deals?${listQueryParams({ ...parseListQuery({}), pipeline: report.query.pipeline, responsible: [personId], overdue: true }).toString()}`;
  const chartRows = rows.filter((r) => r.won.count > 0).slice(0, 15);
  const amountsShown = rows.every((r) => r.won.sum !== null);
  return (
    <>
      <ReportHeader report={report} current="employees" t={t} locale={locale} aside={<ExportLinks path="/analytics/employees/export" report={report} t={t} />} />
      <section className="card-section" aria-labelledby="employees-title">
        <h2 id="employees-title">{t("analytics.employees.title")}</h2>
        {rows.length === 0 ? (
          <p>{t("analytics.employees.none")}</p>
        ) : (
          <>
            {chartRows.length > 0 && (
              <BarChart
                label={t(amountsShown ? "analytics.employees.chartAmount" : "analytics.employees.chartCount")}
                color="var(--ok)"
                bars={chartRows.map((r) => ({
                  key: r.id,
                  label: r.name,
                  value: amountsShown ? Number(r.won.sum) : r.won.count,
                  display: amountsShown ? money(r.won.sum) : formatCount(r.won.count, locale),
                  href: href(stagesOf("S"), r.id),
                  title: t("analytics.employees.barLabel", { name: r.name, count: formatCount(r.won.count, locale), amount: money(r.won.sum) }),
                }))}
              />
            )}
            <div className="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("analytics.responsible")}</th>
                    <th scope="col" className="num">{t("analytics.employees.entered")}</th>
                    <th scope="col" className="num">{t("analytics.won")}</th>
                    <th scope="col" className="num">{t("analytics.employees.wonAmount", { currency })}</th>
                    <th scope="col" className="num">{t("analytics.lostReasons")}</th>
                    <th scope="col" className="num">{t("analytics.conversion")}</th>
                    <th scope="col" className="num">{t("analytics.employees.averageDeal")}</th>
                    <th scope="col" className="num">{t("analytics.employees.cycleDays")}</th>
                    <th scope="col" className="num">{t("analytics.employees.activitiesDone")}</th>
                    <th scope="col" className="num">{t("analytics.employees.overdueNow")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.name}</th>
                      <td className="num">{r.entered.count ? <Link href={href(firstStages, r.id)}>{formatCount(r.entered.count, locale)}</Link> : 0}</td>
                      <td className="num">{r.won.count ? <Link href={href(stagesOf("S"), r.id)}>{formatCount(r.won.count, locale)}</Link> : 0}</td>
                      <td className="num">{money(r.won.sum)}</td>
                      <td className="num">{r.lost.count ? <Link href={href(stagesOf("F"), r.id)}>{formatCount(r.lost.count, locale)}</Link> : 0}</td>
                      <td className="num">{formatPercent(r.conversion, locale)}</td>
                      <td className="num">{r.averageDeal === null ? "—" : money(r.averageDeal)}</td>
                      <td className="num">{r.cycleDays === null ? "—" : formatDays(r.cycleDays, locale)}</td>
                      <td className="num" data-testid="activities-done">{formatCount(r.activitiesDone, locale)}</td>
                      <td className="num">{r.overdueNow ? <Link href={overdueHref(r.id)}>{r.overdueNow > OVERDUE_CAP ? `${OVERDUE_CAP}+` : formatCount(r.overdueNow, locale)}</Link> : 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
