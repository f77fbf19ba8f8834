import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { departments, pipelines, planMetrics, planPeriods, salesPlans, users } from "@/db/schema";
import { deletePlanAction, savePlanAction } from "@/lib/analytics/actions";
import { whomValue } from "@/lib/analytics/plan-form";
import { planPeriodLabel } from "@/lib/analytics/plan-period";
import { planAmountText } from "@/lib/analytics/plan-text";
import { planTargetNamer } from "@/lib/analytics/plan-targets";
import { mayPlan, mayPlanAnything, planRights, type Plan } from "@/lib/analytics/plans";
import { formVersion } from "@/lib/actions/form-version";
import { requireViewer } from "@/lib/auth/viewer";
import { todayIn } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import { mayConfigureAutomationAnywhere, maySetUp } from "@/lib/permissions";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import { ValuesForm } from "@/app/_components/values-form";

export const generateMetadata = titled("titles.salesPlans");

type Option = { value: string; label: string };

function PlanForm({ plan, whom, t }: { plan?: Plan; whom: Option[]; t: Translate }) {
  const record = plan ? `plan:${plan.id}` : "plan:new";
  return (
    <ValuesForm
      action={savePlanAction}
      record={record}
      version={formVersion(plan ?? null)}
      prefix={record.replace(":", "-")}
      label={plan ? t("analytics.plans.edit") : t("analytics.plans.add")}
      submit={plan ? t("common.save") : t("analytics.plans.add")}
      hidden={plan ? { id: plan.id } : {}}
      initial={{
        whom: plan ? whomValue(plan.target, plan.targetId) : (whom[0]?.value ?? ""),
        metric: plan?.metric ?? "revenue",
        period: plan?.period ?? "month",
        month: plan ? plan.periodStart.slice(0, 7) : "",
        goal: plan ? plan.goal.replace(/\.00$/, "") : "",
      }}
      fields={[
        { kind: "select", name: "whom", label: t("analytics.plans.target"), options: whom },
        { kind: "select", name: "metric", label: t("analytics.plans.metric"), options: planMetrics.map((m) => ({ value: m, label: t(`analytics.plans.metrics.${m}`) })) },
        { kind: "select", name: "period", label: t("analytics.plans.period"), options: planPeriods.map((p) => ({ value: p, label: t(`analytics.plans.periods.${p}`) })) },
        { kind: "text", name: "month", label: t("analytics.plans.month"), type: "month", required: true },
        { kind: "text", name: "goal", label: t("analytics.plans.goal"), required: true, maxLength: 30 },
      ]}
    />
  );
}

/** Settings → Sales plans: administrators set anyone's; department heads their departments' and people's. */
export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const [query, { t, locale }, db] = await Promise.all([searchParams, getI18n(), getDb()]);
  const rights = await planRights(db, viewer);
  if (!mayPlanAnything(rights)) notFound();
  const thisYear = Number(todayIn(viewer.org.timezone).slice(0, 4));
  const asked = Number(query.year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const [pipelineRows, departmentRows, people, planRows] = await Promise.all([
    db.select({ id: pipelines.id, name: pipelines.name }).from(pipelines).where(eq(pipelines.orgId, viewer.orgId)).orderBy(asc(pipelines.sort), asc(pipelines.id)),
    db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, viewer.orgId)).orderBy(asc(departments.sort), asc(departments.name)),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.orgId, viewer.orgId)).orderBy(asc(users.name)),
    db.select().from(salesPlans).where(eq(salesPlans.orgId, viewer.orgId)).orderBy(asc(salesPlans.periodStart), asc(salesPlans.target), asc(salesPlans.id)),
  ]);
  const targetName = planTargetNamer(t, { pipelines: pipelineRows, departments: departmentRows, people });
  const whom: Option[] = [
    ...(rights.all ? [{ value: "company", label: t("analytics.plans.targets.company") }] : []),
    ...(rights.all ? pipelineRows.map((p) => ({ value: whomValue("pipeline", p.id), label: `${t("deals.fields.pipeline")} · ${p.name}` })) : []),
    ...departmentRows.filter((d) => mayPlan(rights, "department", d.id)).map((d) => ({ value: whomValue("department", d.id), label: `${t("analytics.department")} · ${d.name}` })),
    ...people.filter((p) => mayPlan(rights, "employee", p.id)).map((p) => ({ value: whomValue("employee", p.id), label: `${t("analytics.responsible")} · ${p.name}` })),
  ];
  const plans = planRows.filter((p) => p.periodStart.startsWith(String(year)) && mayPlan(rights, p.target, p.targetId));
  const editing = plans.find((p) => String(p.id) === query.edit);
  const currency = viewer.org.baseCurrency;
  return (
    <>
      <h1>{t("analytics.plans.title")}</h1>
      <SettingsNav t={t} admin={maySetUp(viewer)} automation={mayConfigureAutomationAnywhere(viewer)} current="plans" />
      <Notice value={query.notice} t={t} />
      <p className="muted">{t("analytics.plans.intro")}</p>
      <nav className="pager" aria-label={t("analytics.plans.year")}>
        <Link href={`/settings/plans?year=${year - 1}`}>← {year - 1}</Link> <strong>{year}</strong> <Link href={`/settings/plans?year=${year + 1}`}>{year + 1} →</Link>
      </nav>
      <section className="card-section" aria-labelledby="plans-title">
        <h2 id="plans-title">
          {t("analytics.plans.title")} {year}
        </h2>
        {plans.length === 0 ? (
          <p className="empty">{t("analytics.plans.none")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("analytics.plans.target")}</th>
                  <th scope="col">{t("analytics.plans.period")}</th>
                  <th scope="col">{t("analytics.plans.metric")}</th>
                  <th scope="col" className="num">{t("analytics.plans.goal")}</th>
                  <th scope="col">
                    {t("common.edit")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {plans.map((plan) => (
                  <tr key={plan.id}>
                    <th scope="row">{targetName(plan)}</th>
                    <td>{planPeriodLabel(plan.period, plan.periodStart, t("analytics.plans.quarterLetter"), t("analytics.plans.halfLetter"))}</td>
                    <td>{t(`analytics.plans.metrics.${plan.metric}`)}</td>
                    <td className="num">{planAmountText(plan.metric, plan.goal, currency, locale)}</td>
                    <td className="row-actions">
                      <Link href={`/settings/plans?year=${year}&edit=${plan.id}#plan-form`} aria-label={`${t("common.edit")}: ${targetName(plan)}`}>
                        {t("common.edit")}
                      </Link>
                      <ActionForm action={deletePlanAction} record={`plan:${plan.id}:delete`} className="inline-form">
                        <input type="hidden" name="id" value={plan.id} />
                        <button type="submit" className="button danger small" aria-label={`${t("common.delete")}: ${targetName(plan)}`}>
                          {t("common.delete")}
                        </button>
                      </ActionForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card-section" id="plan-form" aria-label={editing ? t("analytics.plans.edit") : t("analytics.plans.add")}>
        <PlanForm key={editing?.id ?? "new"} plan={editing} whom={whom} t={t} />
      </section>
    </>
  );
}
