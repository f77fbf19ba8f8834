import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { openDealsHref, reachedListHref } from "@/lib/analytics/drill-down";
import { change } from "@/lib/analytics/funnel-math";
import { bucketLabel, resolveGrain } from "@/lib/analytics/grain";
import { addDaysIso, addMonthsIso, lastDay } from "@/lib/analytics/period";
import { forecast, wonOverTime, wonStages } from "@/lib/analytics/revenue";
import { sumDecimals } from "@/lib/money/money";
import { formatCount, formatDate, formatMaybeMoney, formatPercent, todayIn } from "@/lib/i18n/format";
import { ColumnChart } from "@/app/_components/analytics/column-chart";
import { BarChart } from "@/app/_components/analytics/bar-chart";
import { ExportLinks, ReportHeader } from "@/app/_components/analytics/report-header";
import { ChartTable } from "@/app/_components/analytics/chart-table";
import { openReport, type ReportSearchParams } from "@/lib/analytics/report-page";

export const generateMetadata = titled("titles.analyticsRevenue");

type Props = { searchParams: ReportSearchParams };

/** Won revenue per day, week or month of the period (and the previous one), then the forecast of open deals by expected close month. */
export default async function RevenueReportPage({ searchParams }: Props) {
  const { viewer, t, locale, db, report } = await openReport(searchParams);
  const grain = resolveGrain(report.query.grain, report.period);
  const today = todayIn(viewer.org.timezone);
  const [points, ahead] = await Promise.all([wonOverTime(db, viewer, report, grain), forecast(db, viewer, report, today)]);
  const currency = viewer.org.baseCurrency;
  const money = (sum: string | null) => formatMaybeMoney(sum, currency, locale, t("common.hidden"));
  const won = wonStages(report).map((s) => s.id);
  const amountsShown = points.every((p) => p.now.sum !== null);
  const label = (key: string) => (grain === "week" ? t("analytics.revenue.weekOf", { date: formatDate(key, locale) }) : grain === "day" ? formatDate(key, locale) : bucketLabel(key, grain));
  const total = { count: points.reduce((n, p) => n + p.now.count, 0), sum: amountsShown ? sumDecimals(points.map((p) => p.now.sum ?? "0")) : null };
  const before = report.previous
    ? { count: points.reduce((n, p) => n + (p.before?.count ?? 0), 0), sum: amountsShown ? sumDecimals(points.map((p) => p.before?.sum ?? "0")) : null }
    : null;
  const value = (f: { count: number; sum: string | null }) => (amountsShown ? Number(f.sum) : f.count);
  const monthOf = (key: string) => (key === "overdue" ? t("analytics.forecast.overdue") : bucketLabel(key, "month"));
  const forecastHref = (key: string) =>
    key === "overdue" ? openDealsHref(report.filter, report.query.pipeline, null, addDaysIso(today, -1)) : openDealsHref(report.filter, report.query.pipeline, key < today ? today : key, addDaysIso(addMonthsIso(key, 1), -1));
  const upcoming = ahead.filter((row) => row.key !== "overdue");
  const late = ahead.find((row) => row.key === "overdue");
  const forecastShown = ahead.every((row) => row.weighted !== null);
  return (
    <>
      <ReportHeader report={report} current="revenue" t={t} locale={locale} grain aside={<ExportLinks path="/analytics/revenue/export" report={report} t={t} />} />
      <section className="card-section" aria-labelledby="revenue-title">
        <h2 id="revenue-title">{t("analytics.revenue.title")}</h2>
        {report.reported.length === 0 && <p>{t("analytics.noPipelines")}</p>}
        <p className="chart-summary">
          {total.count === 0 ? t("analytics.revenue.none") : t("analytics.revenue.summary", { count: formatCount(total.count, locale), amount: money(total.sum) })}
          {before && (
            <>
              {" "}
              {t("analytics.revenue.summaryBefore", {
                count: formatCount(before.count, locale),
                amount: money(before.sum),
                change: formatPercent(change(value(total), value(before)), locale, { signed: true }),
              })}
            </>
          )}
        </p>
        {points.some((p) => p.now.unconverted) && <p className="muted">{t("analytics.unconverted")}</p>}
        <ColumnChart
          label={t(amountsShown ? "analytics.revenue.chartAmount" : "analytics.revenue.chartCount", { grain: t(`analytics.grains.${grain}`).toLowerCase() })}
          columns={points.map((p) => ({
            key: p.key,
            label: bucketLabel(p.key, grain),
            value: value(p.now),
            before: p.before ? value(p.before) : undefined,
            display: amountsShown ? money(p.now.sum) : formatCount(p.now.count, locale),
            href: p.now.count ? reachedListHref(report.filter, report.query.pipeline, won, p.span) : undefined,
            title: p.now.count
              ? t("analytics.revenue.columnLabel", { bucket: label(p.key), count: formatCount(p.now.count, locale), amount: money(p.now.sum) })
              : t("analytics.revenue.columnEmpty", { bucket: label(p.key) }),
          }))}
        />
        <ChartTable t={t}>
              <thead>
                <tr>
                  <th scope="col">{t("analytics.revenue.bucket")}</th>
                  <th scope="col" className="num">{t("analytics.revenue.wonDeals")}</th>
                  <th scope="col" className="num">{t("analytics.revenue.wonAmount", { currency })}</th>
                  {report.previous && <th scope="col" className="num">{t("analytics.revenue.beforeDeals")}</th>}
                  {report.previous && <th scope="col" className="num">{t("analytics.revenue.beforeAmount", { currency })}</th>}
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.key}>
                    <th scope="row">{grain === "day" ? formatDate(p.key, locale) : label(p.key)}</th>
                    <td className="num">{p.now.count ? <Link href={reachedListHref(report.filter, report.query.pipeline, won, p.span)}>{formatCount(p.now.count, locale)}</Link> : 0}</td>
                    <td className="num">{money(p.now.sum)}</td>
                    {p.before && <td className="num">{formatCount(p.before.count, locale)}</td>}
                    {p.before && <td className="num">{money(p.before.sum)}</td>}
                  </tr>
                ))}
              </tbody>
            </ChartTable>
        <p className="muted">{t("analytics.range", { from: formatDate(report.period.from, locale), to: formatDate(lastDay(report.period), locale) })}</p>
      </section>
      <section className="card-section" aria-labelledby="forecast-title">
        <h2 id="forecast-title">{t("analytics.forecast.title")}</h2>
        <p className="muted">{t("analytics.forecast.intro")}</p>
        <p className="chart-summary">
          {t("analytics.forecast.summary", {
            count: formatCount(upcoming.reduce((n, row) => n + row.count, 0), locale),
            amount: money(forecastShown ? sumDecimals(upcoming.map((row) => row.amount ?? "0")) : null),
            weighted: money(forecastShown ? sumDecimals(upcoming.map((row) => row.weighted ?? "0")) : null),
          })}
          {late && late.count > 0 && <> {t("analytics.forecast.late", { count: formatCount(late.count, locale) })}</>}
        </p>
        <BarChart
          label={t("analytics.forecast.chart")}
          color="var(--accent)"
          bars={ahead.map((row) => ({
            key: row.key,
            label: monthOf(row.key),
            value: forecastShown ? Number(row.weighted) : row.count,
            display: forecastShown ? money(row.weighted) : formatCount(row.count, locale),
            href: row.count ? forecastHref(row.key) : undefined,
            title: row.count
              ? t("analytics.forecast.barLabel", { month: monthOf(row.key), count: formatCount(row.count, locale), amount: money(row.amount), weighted: money(row.weighted) })
              : t("analytics.forecast.barEmpty", { month: monthOf(row.key) }),
          }))}
        />
        <ChartTable t={t}>
              <thead>
                <tr>
                  <th scope="col">{t("analytics.forecast.month")}</th>
                  <th scope="col" className="num">{t("analytics.forecast.deals")}</th>
                  <th scope="col" className="num">{t("analytics.forecast.amount", { currency })}</th>
                  <th scope="col" className="num">{t("analytics.forecast.weighted", { currency })}</th>
                  <th scope="col" className="num">{t("analytics.forecast.withoutProbability")}</th>
                </tr>
              </thead>
              <tbody>
                {ahead.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{monthOf(row.key)}</th>
                    <td className="num">{row.count ? <Link href={forecastHref(row.key)}>{formatCount(row.count, locale)}</Link> : 0}</td>
                    <td className="num">{money(row.amount)}</td>
                    <td className="num">{money(row.weighted)}</td>
                    <td className="num">{formatCount(row.withoutProbability, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </ChartTable>
      </section>
    </>
  );
}
