import "server-only";
import { and, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { dealObservers, dealReachTotals, dealStageReach } from "@/db/schema";
import { inBaseCurrency, type BoardContext } from "@/lib/board/column-totals";
import { amountsHidden, matrixScope, type Viewer } from "@/lib/permissions";
import { splitByMonths, type Period } from "./period";

/** What narrows a report: its pipelines, and the responsibles (a department's people, or chosen ones; null for everyone). */
export type ReportFilter = { pipelineIds: number[]; responsibleIds: number[] | null };
/** The stages a report speaks of: only stages in progress count every deal that passed them; a final one counts the deals still in it. */
export type ReportStage = { id: number; pipelineId: number; semantics: "P" | "S" | "F" };
export type StageFigure = { count: number; sum: string | null; unconverted: boolean };

const r = dealStageReach;
const t = dealReachTotals;
const scopeOf = (table: typeof r | typeof t) => ({ orgId: table.orgId, stageId: table.curStageId, assignedById: table.assignedById, opened: table.opened });

/** A day in the org's zone as the instant it begins. */
export const dayStart = (day: string, timezone: string): SQL => sql`(cast(${day} as date)::timestamp at time zone ${timezone})`;

/**
 * "Reached the stage": a stage in progress counts every deal that ever got to it or past it; a
 * final stage (won, lost) only the deals still there, so a reopened deal is not counted as won.
 */
function reachedCondition(table: typeof r | typeof t, stages: ReportStage[]): SQL {
  const inProgress = stages.filter((s) => s.semantics === "P").map((s) => s.id);
  const final = stages.filter((s) => s.semantics !== "P").map((s) => s.id);
  return or(
    inProgress.length ? inArray(table.stageId, inProgress) : undefined,
    final.length ? and(inArray(table.stageId, final), sql`${table.curStageId} = ${table.stageId}`) : undefined,
  ) ?? sql`false`;
}

function narrowing(table: typeof r | typeof t, filter: ReportFilter): SQL[] {
  const conditions = [inArray(table.pipelineId, filter.pipelineIds)];
  if (filter.responsibleIds) conditions.push(inArray(table.assignedById, filter.responsibleIds));
  return conditions;
}

/**
 * Deals that reached each stage in the period, and their amount, over the deals the viewer may
 * read. Whole months come from the monthly totals, the days around them from the reach rows;
 * deals read only as an observer (the totals know nothing of observers) from the reach rows too.
 */
function reachSource(viewer: Viewer, period: Period, filter: ReportFilter, stages: ReportStage[], timezone: string): SQL {
  const { months, edges } = splitByMonths(period);
  const parts: SQL[] = [];
  if (months) {
    parts.push(sql`select ${t.pipelineId} as pipeline_id, ${t.stageId} as stage_id, ${t.currency} as currency, ${t.deals} as n, ${t.amount} as amount
      from ${t} where ${and(matrixScope(viewer, "READ", scopeOf(t)), gte(t.month, months.from), lt(t.month, months.to), ...narrowing(t, filter), reachedCondition(t, stages))}`);
  }
  const inSpan = (span: Period) => and(gte(r.reachedAt, dayStart(span.from, timezone)), lt(r.reachedAt, dayStart(span.to, timezone)));
  const fromRows = (condition: SQL) =>
    sql`select ${r.pipelineId} as pipeline_id, ${r.stageId} as stage_id, ${r.currency} as currency, 1 as n, ${r.amount} as amount from ${r} where ${and(condition, ...narrowing(r, filter), reachedCondition(r, stages))}`;
  for (const edge of edges) parts.push(fromRows(and(matrixScope(viewer, "READ", scopeOf(r)), inSpan(edge))!));
  if (!viewer.access.superuser) {
    const observed = sql`exists (select 1 from ${dealObservers} where ${dealObservers.dealId} = ${r.dealId} and ${dealObservers.orgId} = ${viewer.orgId} and ${dealObservers.userId} = ${viewer.id})`;
    parts.push(fromRows(and(sql`${r.orgId} = ${viewer.orgId}`, inSpan(period), observed, sql`not ${matrixScope(viewer, "READ", scopeOf(r))}`)!));
  }
  return sql.join(parts, sql` union all `);
}

/** Per stage: deals that reached it in the period, and their amount in the base currency (null where amounts are hidden). */
export async function stageReach(db: Db, viewer: Viewer, period: Period, filter: ReportFilter, stages: ReportStage[], context: BoardContext): Promise<Map<number, StageFigure>> {
  const result = new Map<number, StageFigure>();
  if (stages.length === 0 || filter.pipelineIds.length === 0) return result;
  const base = inBaseCurrency(sql`g.amount`, sql`g.currency`, context);
  const rows = await queryRows<{ pipeline_id: number; stage_id: number; count: number; sum: string; unconverted: boolean }>(
    db,
    sql`select g.pipeline_id, g.stage_id, sum(g.n)::int as count, coalesce(sum(${base}), 0)::text as sum, bool_or(${base} is null) as unconverted
        from (select pipeline_id, stage_id, currency, sum(n) as n, sum(amount) as amount from (${reachSource(viewer, period, filter, stages, context.timezone)}) u group by 1, 2, 3) g
        group by g.pipeline_id, g.stage_id having sum(g.n) <> 0`,
  );
  for (const row of rows) {
    const hidden = amountsHidden(viewer, Number(row.pipeline_id));
    result.set(Number(row.stage_id), { count: Number(row.count), sum: hidden ? null : trimZeros(row.sum), unconverted: !hidden && row.unconverted });
  }
  return result;
}

const trimZeros = (sum: string) => (sum.includes(".") ? sum.replace(/\.?0+$/, "") : sum) || "0";

/** Folds the monthly totals' rows, one per key; a recurring job. Returns how many rows were folded. */
export async function foldReachTotals(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select crm_fold_reach_totals() as folded`);
  return Number(row?.folded ?? 0);
}
