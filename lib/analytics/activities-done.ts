import "server-only";
import { and, eq, gte, inArray, lt, not, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "@/db/client";
import { activities, activityDoneTotals, dealObservers, deals } from "@/db/schema";
import { matrixScope, pipelineMatrixScope, type Viewer } from "@/lib/permissions";
import type { Period } from "./period";
import { narrowedTo, withinDays, type ReportFilter } from "./reach";

const t = activityDoneTotals;
const a = activities;

/**
 * Activities done in the period per the activity's responsible, on the deals the viewer may read
 * (the one rule, on the deal's facts now), in the report's pipelines. The daily ledger answers
 * every day; the activities themselves only the pipelines where the viewer's rules differ by stage
 * (the ledger knows no stage) and deals read only as an observer.
 */
export async function activitiesDone(db: Db, viewer: Viewer, period: Period, filter: ReportFilter, timezone: string): Promise<Map<number, number>> {
  if (filter.pipelineIds.length === 0) return new Map();
  const doneIn = and(eq(a.orgId, viewer.orgId), a.completed, withinDays(a.completedAt, period, timezone))!;
  // The report's responsibles are the activity's, its pipelines the deal's.
  const narrowed = (responsible: AnyPgColumn, pipeline: AnyPgColumn) => and(...narrowedTo(filter, pipeline, responsible))!;
  const { scope, perStage } = pipelineMatrixScope(viewer, "READ", { orgId: t.orgId, pipelineId: t.curPipelineId, assignedById: t.assignedById, opened: t.opened });
  const parts: SQL[] = [
    sql`select ${t.responsibleId} as responsible_id, ${t.done} as n from ${t}
      where ${and(scope, gte(t.day, period.from), lt(t.day, period.to), narrowed(t.responsibleId, t.curPipelineId))}`,
  ];
  if (perStage.length) {
    parts.push(sql`select ${a.responsibleId} as responsible_id, 1 as n
      from ${a} join ${deals} on ${deals.orgId} = ${a.orgId} and ${deals.id} = ${a.dealId}
      where ${and(doneIn, narrowed(a.responsibleId, deals.pipelineId), inArray(deals.pipelineId, perStage), matrixScope(viewer, "READ", deals))}`);
  }
  if (!viewer.access.superuser) {
    // Driven from the viewer's own observer rows: few, where the period's activities are many.
    parts.push(sql`select ${a.responsibleId} as responsible_id, 1 as n
      from ${dealObservers} join ${deals} on ${deals.orgId} = ${dealObservers.orgId} and ${deals.id} = ${dealObservers.dealId}
        join ${a} on ${a.orgId} = ${deals.orgId} and ${a.dealId} = ${deals.id}
      where ${and(eq(dealObservers.orgId, viewer.orgId), eq(dealObservers.userId, viewer.id), doneIn, narrowed(a.responsibleId, deals.pipelineId), not(matrixScope(viewer, "READ", deals)))}`);
  }
  const rows = await queryRows<{ id: number; done: number }>(
    db,
    sql`select responsible_id as id, sum(n)::int as done from (${sql.join(parts, sql` union all `)}) u group by 1 having sum(n) <> 0`,
  );
  return new Map(rows.map((row) => [Number(row.id), Number(row.done)]));
}

/** Folds the ledger's delta rows, one per key; a recurring job. Returns how many rows were folded. */
export async function foldActivityDone(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select crm_fold_activity_done() as folded`);
  return Number(row?.folded ?? 0);
}
