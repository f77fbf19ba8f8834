import "server-only";
import { and, asc, eq, gte, lt, ne, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { departments, pipelines, salesPlans, users, type PlanMetric, type PlanPeriod, type PlanTarget } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { maySetUp, type Viewer } from "@/lib/permissions";
import { subtree } from "@/lib/permissions/load";
import type { PlanInput } from "./plan-form";
import { planSpan } from "./plan-period";

export type Plan = { id: number; target: PlanTarget; targetId: number | null; metric: PlanMetric; period: PlanPeriod; periodStart: string; goal: string; updatedAt: Date };

/**
 * Whose plans a viewer may set: an administrator anyone's; the head of a department those of the
 * departments they head and all below them, and of the people in them. Nobody else any.
 */
export type PlanRights = { all: boolean; departmentIds: number[]; userIds: number[] };

export async function planRights(db: Db, viewer: Viewer): Promise<PlanRights> {
  if (maySetUp(viewer)) return { all: true, departmentIds: [], userIds: [] };
  const tree = await db.select({ id: departments.id, parentId: departments.parentId, headUserId: departments.headUserId }).from(departments).where(eq(departments.orgId, viewer.orgId));
  const departmentIds = [...new Set(tree.filter((d) => d.headUserId === viewer.id).flatMap((d) => subtree(tree, d.id)))];
  if (departmentIds.length === 0) return { all: false, departmentIds, userIds: [] };
  const people = await db.select({ id: users.id, departmentId: users.departmentId }).from(users).where(eq(users.orgId, viewer.orgId));
  return { all: false, departmentIds, userIds: people.filter((p) => p.departmentId !== null && departmentIds.includes(p.departmentId)).map((p) => p.id) };
}

export const mayPlanAnything = (rights: PlanRights) => rights.all || rights.departmentIds.length > 0;

export function mayPlan(rights: PlanRights, target: PlanTarget, targetId: number | null): boolean {
  if (rights.all) return true;
  if (target === "department") return targetId !== null && rights.departmentIds.includes(targetId);
  if (target === "employee") return targetId !== null && rights.userIds.includes(targetId);
  return false;
}

/** The target must exist in the viewer's org: a pipeline, a department or a user of it. */
async function assertTarget(db: Db, orgId: number, target: PlanTarget, targetId: number | null): Promise<void> {
  if (target === "company") return;
  const table = target === "pipeline" ? pipelines : target === "department" ? departments : users;
  const [row] = await db.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), eq(table.id, targetId ?? 0)));
  if (!row) throw new ActionError("invalid", "analytics.plans.pickTarget", undefined, { whom: "analytics.plans.pickTarget" });
}

const samePlan = (orgId: number, input: PlanInput) =>
  and(
    eq(salesPlans.orgId, orgId),
    eq(salesPlans.target, input.target),
    sql`coalesce(${salesPlans.targetId}, 0) = ${input.targetId ?? 0}`,
    eq(salesPlans.metric, input.metric),
    eq(salesPlans.period, input.period),
    eq(salesPlans.periodStart, input.periodStart),
  );

/** Creates a plan, or changes one (id) the viewer may change to one they may set. One plan per target, metric and period. */
export async function savePlan(db: Db, viewer: Viewer, id: number | null, input: PlanInput): Promise<number> {
  const rights = await planRights(db, viewer);
  if (!mayPlan(rights, input.target, input.targetId)) throw new ActionError("forbidden", "errors.forbidden");
  await assertTarget(db, viewer.orgId, input.target, input.targetId);
  if (id !== null) {
    const [current] = await db.select().from(salesPlans).where(and(eq(salesPlans.orgId, viewer.orgId), eq(salesPlans.id, id))).for("update");
    if (!current || !mayPlan(rights, current.target, current.targetId)) throw new ActionError("notFound", "errors.notFound");
  }
  const [twin] = await db.select({ id: salesPlans.id }).from(salesPlans).where(and(samePlan(viewer.orgId, input), id === null ? undefined : ne(salesPlans.id, id)));
  if (twin) throw new ActionError("invalid", "analytics.plans.duplicate");
  if (id === null) {
    const [row] = await db.insert(salesPlans).values({ orgId: viewer.orgId, ...input, createdById: viewer.id }).returning({ id: salesPlans.id });
    return row!.id;
  }
  await db.update(salesPlans).set({ ...input, updatedAt: new Date() }).where(and(eq(salesPlans.orgId, viewer.orgId), eq(salesPlans.id, id)));
  return id;
}

export async function deletePlan(db: Db, viewer: Viewer, id: number): Promise<void> {
  const rights = await planRights(db, viewer);
  const [current] = await db.select().from(salesPlans).where(and(eq(salesPlans.orgId, viewer.orgId), eq(salesPlans.id, id))).for("update");
  if (!current || !mayPlan(rights, current.target, current.targetId)) throw new ActionError("notFound", "errors.notFound");
  await db.delete(salesPlans).where(and(eq(salesPlans.orgId, viewer.orgId), eq(salesPlans.id, id)));
}

/**
 * The plans whose period shares a day with [from, to) that the viewer may see: those they may set,
 * their own, their department's and the departments above it, the company's and the pipelines'.
 */
export async function visiblePlans(db: Db, viewer: Viewer & { departmentId: number | null }, from: string, to: string, rights: PlanRights): Promise<Plan[]> {
  const rows = await db
    .select({ id: salesPlans.id, target: salesPlans.target, targetId: salesPlans.targetId, metric: salesPlans.metric, period: salesPlans.period, periodStart: salesPlans.periodStart, goal: salesPlans.goal, updatedAt: salesPlans.updatedAt })
    .from(salesPlans)
    .where(
      and(
        eq(salesPlans.orgId, viewer.orgId),
        lt(salesPlans.periodStart, to),
        // A year back is the longest period (the index's range); then whether it still runs on `from`.
        gte(salesPlans.periodStart, sql`(cast(${from} as date) - interval '1 year')::date`),
        sql`${salesPlans.periodStart} + make_interval(months => case ${salesPlans.period} when 'month' then 1 when 'quarter' then 3 when 'half' then 6 else 12 end) > cast(${from} as date)`,
      ),
    )
    .orderBy(asc(salesPlans.periodStart), asc(salesPlans.target), asc(salesPlans.id));
  const ownDepartments = viewer.departmentId ? await departmentChain(db, viewer.orgId, viewer.departmentId) : [];
  return rows.filter((p) => {
    const span = planSpan(p.period, p.periodStart);
    if (!(span.from < to && from < span.to)) return false;
    if (mayPlan(rights, p.target, p.targetId) || p.target === "company" || p.target === "pipeline") return true;
    return p.target === "employee" ? p.targetId === viewer.id : ownDepartments.includes(p.targetId ?? 0);
  });
}

async function departmentChain(db: Db, orgId: number, id: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with recursive up as (select id, parent_id from ${departments} where org_id = ${orgId} and id = ${id}
      union select d.id, d.parent_id from ${departments} d join up on d.id = up.parent_id where d.org_id = ${orgId}) select id from up`,
  );
  return rows.map((r) => Number(r.id));
}

export async function getPlan(db: Db, viewer: Viewer, id: number): Promise<Plan | null> {
  const rights = await planRights(db, viewer);
  const [row] = await db.select().from(salesPlans).where(and(eq(salesPlans.orgId, viewer.orgId), eq(salesPlans.id, id)));
  return row && mayPlan(rights, row.target, row.targetId) ? row : null;
}
