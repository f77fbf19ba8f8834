import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { salesPlans } from "@/db/schema";
import type { ViewerWithOrg } from "@/lib/auth/viewer";
import { readablePipelines } from "@/lib/board/queries";
import { todayIn } from "@/lib/i18n/format";
import { getCurrencyRates } from "@/lib/org/currency-rates";
import { getPipelines } from "@/lib/org/queries";
import { plansProgress, type PlanProgress } from "./plan-progress";

/**
 * The viewer's own plans for this month (the org's calendar), with progress: the widget on the
 * list and the board. One indexed read when there is none.
 */
export async function myPlansThisMonth(db: Db, viewer: ViewerWithOrg, now = new Date()): Promise<PlanProgress[]> {
  const month = `${todayIn(viewer.org.timezone, now).slice(0, 7)}-01`;
  const plans = await db
    .select({ id: salesPlans.id, target: salesPlans.target, targetId: salesPlans.targetId, metric: salesPlans.metric, period: salesPlans.period, periodStart: salesPlans.periodStart, goal: salesPlans.goal, updatedAt: salesPlans.updatedAt })
    .from(salesPlans)
    .where(and(eq(salesPlans.orgId, viewer.orgId), eq(salesPlans.periodStart, month), eq(salesPlans.period, "month"), eq(salesPlans.target, "employee"), eq(salesPlans.targetId, viewer.id)));
  if (plans.length === 0) return [];
  const [pipelines, rates] = await Promise.all([getPipelines(db, viewer.orgId), getCurrencyRates(db, viewer.orgId)]);
  const context = { viewerId: viewer.id, timezone: viewer.org.timezone, fields: [], baseCurrency: viewer.org.baseCurrency, rates: Object.fromEntries(rates.map((r) => [r.currency.trim(), r.rate])) };
  return plansProgress(db, viewer, plans, { pipelines: readablePipelines(viewer, pipelines), people: [], departments: [], context });
}
