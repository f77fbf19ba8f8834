import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { planPeriodLabel } from "@/lib/analytics/plan-period";
import { plansProgress } from "@/lib/analytics/plan-progress";
import { planAmountText } from "@/lib/analytics/plan-text";
import { planTargetNamer } from "@/lib/analytics/plan-targets";
import { mayPlanAnything, planRights, visiblePlans } from "@/lib/analytics/plans";
import { plansInScope } from "@/lib/analytics/plan-scope";
import { subtree } from "@/lib/permissions/load";
import { formatPercent } from "@/lib/i18n/format";
import { BarChart } from "@/app/_components/analytics/bar-chart";
import { ReportHeader } from "@/app/_components/analytics/report-header";
import { openReport, type ReportSearchParams } from "@/lib/analytics/report-page";

export const generateMetadata = titled("titles.analyticsSalesPlans");

/** The chart shows the first plans (the company's, pipelines', departments', then employees'); the table all of them. */
const CHART_BARS = 30;
const targetOrder = { company: 0, pipeline: 1, department: 2, employee: 3 } as const;

type Props = { searchParams: ReportSearchParams };

/** Sales plans against what was won: the plans of the period the viewer may see, each with its progress. */
export default async function PlansReportPage({ searchParams }: Props) {
  const { viewer, t, locale, db, report } = await openReport(searchParams);
  const rights = await planRights(db, viewer);
  const departmentIds = report.query.department ? subtree(report.departments, report.query.department) : null;
  const scope = { pipelineId: report.query.pipeline, departmentIds, responsibleIds: report.filter.responsibleIds, responsibleChosen: report.query.responsible.length > 0 };
  const plans = plansInScope(await visiblePlans(db, viewer, report.period.from, report.period.to, rights), scope);
  // Progress counts in every pipeline the viewer may read (a plan's own target says what it counts).
  const progress = (await plansProgress(db, viewer, plans, { pipelines: report.pipelines, people: report.people, departments: report.departments, context: report.context })).sort(
    (a, b) => targetOrder[a.target] - targetOrder[b.target] || a.periodStart.localeCompare(b.periodStart) || a.id - b.id,
  );
  const currency = viewer.org.baseCurrency;
  const targetName = planTargetNamer(t, { pipelines: report.pipelines, departments: report.departments, people: report.people });
  const periodLabel = (p: (typeof progress)[number]) => planPeriodLabel(p.period, p.periodStart, t("analytics.plans.quarterLetter"), t("analytics.plans.halfLetter"));
  const text = (p: (typeof progress)[number], value: string | null) => planAmountText(p.metric, value, currency, locale, t("common.hidden"));
  return (
    <>
      <ReportHeader
        report={report}
        current="plans"
        t={t}
        locale={locale}
        aside={mayPlanAnything(rights) ? <Link href={`/settings/plans?year=${report.period.from.slice(0, 4)}`}>{t("analytics.plans.settingsLink")}</Link> : undefined}
      />
      <section className="card-section" aria-labelledby="plans-title">
        <h2 id="plans-title">{t("analytics.plans.title")}</h2>
        {progress.length === 0 ? (
          <p className="empty">{t("analytics.plans.none")}</p>
        ) : (
          <>
            <BarChart
              label={t("analytics.plans.title")}
              bars={progress.slice(0, CHART_BARS).map((p) => ({
                key: p.id,
                label: `${targetName(p)} · ${periodLabel(p)}`,
                value: Math.min(150, p.percent ?? 0),
                display: formatPercent(p.percent, locale),
                href: p.href,
                title: t("analytics.plans.barLabel", { target: targetName(p), period: periodLabel(p), actual: text(p, p.actual), goal: text(p, p.goal), percent: formatPercent(p.percent, locale) }),
              }))}
            />
            <div className="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("analytics.plans.target")}</th>
                    <th scope="col">{t("analytics.plans.period")}</th>
                    <th scope="col">{t("analytics.plans.metric")}</th>
                    <th scope="col" className="num">{t("analytics.plans.goal")}</th>
                    <th scope="col" className="num">{t("analytics.plans.actual")}</th>
                    <th scope="col" className="num">{t("analytics.plans.progress")}</th>
                  </tr>
                </thead>
                <tbody>
                  {progress.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{targetName(p)}</th>
                      <td>{periodLabel(p)}</td>
                      <td>{t(`analytics.plans.metrics.${p.metric}`)}</td>
                      <td className="num">{text(p, p.goal)}</td>
                      <td className="num">
                        <Link href={p.href}>{text(p, p.actual)}</Link>
                      </td>
                      <td className="num">
                        {formatPercent(p.percent, locale)} <progress max={100} value={Math.min(100, p.percent ?? 0)} aria-label={`${targetName(p)} · ${periodLabel(p)}`} />
                      </td>
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
