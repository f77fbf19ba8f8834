import { z } from "zod";
import { planMetrics, planPeriods, type PlanTarget } from "@/db/schema/analytics";
import { decimalSeparator } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { parseDecimal } from "@/lib/money/money";
import { planStart } from "./plan-period";

const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().positive().nullable());

/** Settings → Sales plans: one plan, as the form sends it; the month picked is moved to the start of its period. */
export function planSchema({ t, locale }: { t: Translate; locale: Locale }) {
  return z
    .object({
      id: optionalId,
      /** "company", or the kind and id of the target: "pipeline:3", "department:5", "employee:7". */
      whom: z.string(),
      metric: z.enum(planMetrics, { message: t("errors.invalid") }),
      period: z.enum(planPeriods, { message: t("errors.invalid") }),
      month: z.string(),
      goal: z.string(),
    })
    .transform((raw, context) => {
      const periodStart = planStart(raw.period, raw.month);
      if (!periodStart) context.addIssue({ code: "custom", path: ["month"], message: t("analytics.plans.badMonth") });
      const whom = parseWhom(raw.whom);
      if (!whom) context.addIssue({ code: "custom", path: ["whom"], message: t("analytics.plans.pickTarget") });
      const goal = parseDecimal(raw.goal, decimalSeparator(locale) as "." | ",", raw.metric === "deals" ? 0 : 2);
      if (!goal.ok || Number(goal.amount) <= 0 || goal.amount.replace(/\..*$/, "").length > 15) {
        context.addIssue({ code: "custom", path: ["goal"], message: t(raw.metric === "deals" ? "analytics.plans.badCount" : "analytics.plans.badGoal") });
      }
      return { id: raw.id, target: whom?.target ?? "company", targetId: whom?.targetId ?? null, metric: raw.metric, period: raw.period, periodStart: periodStart ?? "", goal: goal.ok ? goal.amount : "0" };
    });
}

/** The value of the form's "for" choice: the target's kind and id. */
export function whomValue(target: PlanTarget, targetId: number | null): string {
  return target === "company" ? "company" : `${target}:${targetId}`;
}

export function parseWhom(value: string): { target: PlanTarget; targetId: number | null } | null {
  if (value === "company") return { target: "company", targetId: null };
  const match = /^(pipeline|department|employee):([1-9]\d{0,9})$/.exec(value);
  if (!match || Number(match[2]) > 2_147_483_647) return null;
  return { target: match[1] as PlanTarget, targetId: Number(match[2]) };
}

export type PlanInput = Omit<z.infer<ReturnType<typeof planSchema>>, "id">;
