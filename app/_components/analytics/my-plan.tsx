import Link from "next/link";
import type { PlanProgress } from "@/lib/analytics/plan-progress";
import { planPeriodLabel } from "@/lib/analytics/plan-period";
import { planAmountText } from "@/lib/analytics/plan-text";
import { formatPercent } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";

/** The viewer's own plan for this month on the list and the board: how far along, linking to the won deals it counts. */
export function MyPlan({ plans, currency, locale, t }: { plans: PlanProgress[]; currency: string; locale: Locale; t: Translate }) {
  if (plans.length === 0) return null;
  return (
    <div className="my-plan">
      {plans.map((plan) => (
        <p key={plan.id}>
          <Link href={plan.href}>
            {t("analytics.plans.mine", {
              period: planPeriodLabel(plan.period, plan.periodStart, t("analytics.plans.quarterLetter"), t("analytics.plans.halfLetter")),
              actual: planAmountText(plan.metric, plan.actual, currency, locale, t("common.hidden")),
              goal: planAmountText(plan.metric, plan.goal, currency, locale),
              percent: formatPercent(plan.percent, locale),
            })}
          </Link>{" "}
          <progress max={100} value={Math.min(100, plan.percent ?? 0)} aria-label={t("analytics.plans.progress")} />
        </p>
      ))}
    </div>
  );
}
