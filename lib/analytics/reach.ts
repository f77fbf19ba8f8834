import "server-only";
import { and, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "@/db/client";
import { dealObservers, dealReachTotals, dealStageReach } from "@/db/schema";
import { inBaseCurrency, type BoardContext } from "@/lib/board/column-totals";
import { currencies } from "@/lib/money/money";
import { amountsHidden, hiddenPipelineIds, matrixScope, pipelineMatrixScope, type Viewer } from "@/lib/permissions";
import { splitByMonths, type Period } from "./period";

/** What narrows a report: its pipelines, and the responsibles (a department's people, or chosen ones; null for everyone). */
export type ReportFilter = { pipelineIds: number[]; responsibleIds: number[] | null };
/** The stages a report speaks of: only stages in progress count every deal that passed them; a final one counts the deals still in it. */
export type ReportStage = { id: number; pipelineId: number; semantics: "P" | "S" | "F" };
export type StageFigure = { count: number; sum: string | null; unconverted: boolean };

const r = dealStageReach;
const t = dealReachTotals;
/** The rule's facts of the deal now: its stage on the reach rows, only its pipeline on the totals. */
const rowScope = (viewer: Viewer) => matrixScope(viewer, "READ", { orgId: r.orgId, stageId: r.curStageId, assignedById: r.assignedById, opened: r.opened });
const totalsScope = (viewer: Viewer) => pipelineMatrixScope(viewer, "READ", { orgId: t.orgId, pipelineId: t.curPipelineId, assignedById: t.assignedById, opened: t.opened });

/** A day in the org's zone as the instant it begins. */
export const dayStart = (day: string, timezone: string): SQL => sql`(cast(${day} as date)::timestamp at time zone ${timezone})`;

/**
 * "Reached the stage": a stage in progress counts every deal that ever got to it or past it; a
 * final stage (won, lost) only the deals still there, so a reopened deal is not counted as won.
 */
function reachedCondition(stageId: AnyPgColumn, stillThere: SQL, stages: ReportStage[]): SQL {
  const inProgress = stages.filter((s) => s.semantics === "P").map((s) => s.id);
  const final = stages.filter((s) => s.semantics !== "P").map((s) => s.id);
  return (
    or(inProgress.length ? inArray(stageId, inProgress) : undefined, final.length ? and(inArray(stageId, final), stillThere) : undefined) ?? sql`false`
  );
}

function narrowing(table: typeof r | typeof t, filter: ReportFilter): SQL[] {
  const conditions = [inArray(table.pipelineId, filter.pipelineIds)];
  if (filter.responsibleIds) conditions.push(inArray(table.assignedById, filter.responsibleIds));
  return conditions;
}

/**
 * Deals that reached each stage in the period, and their amount, over the deals the viewer may
 * read. Whole months come from the monthly totals; from the reach rows come the days around
 * them, the pipelines where the viewer's rules differ by stage (the totals know no stage), and
 * deals read only as an observer (the totals know nothing of observers).
 */
function reachSource(viewer: Viewer, period: Period, filter: ReportFilter, stages: ReportStage[], timezone: string): SQL {
  const { months, edges } = splitByMonths(period);
  const hidden = hiddenPipelineIds(viewer);
  const hiddenNow = (column: typeof r.curPipelineId | typeof t.curPipelineId) => (hidden.length ? inArray(column, hidden) : sql`false`);
  const parts: SQL[] = [];
  const inSpan = (span: Period) => and(gte(r.reachedAt, dayStart(span.from, timezone)), lt(r.reachedAt, dayStart(span.to, timezone)))!;
  const fromRows = (...conditions: SQL[]) =>
    sql`select ${r.pipelineId} as pipeline_id, ${r.stageId} as stage_id, ${r.currency} as currency, 1 as n, ${r.amount} as amount, ${hiddenNow(r.curPipelineId)} as hid
      from ${r} where ${and(...conditions, ...narrowing(r, filter), reachedCondition(r.stageId, sql`${r.curStageId} = ${r.stageId}`, stages))}`;
  if (months) {
    const { scope, perStage } = totalsScope(viewer);
    parts.push(sql`select ${t.pipelineId} as pipeline_id, ${t.stageId} as stage_id, ${t.currency} as currency, ${t.deals} as n, ${t.amount} as amount, ${hiddenNow(t.curPipelineId)} as hid
      from ${t} where ${and(scope, gte(t.month, months.from), lt(t.month, months.to), ...narrowing(t, filter), reachedCondition(t.stageId, sql`${t.stillThere}`, stages))}`);
    const monthSpan = { from: months.from, to: months.to };
    if (perStage.length) parts.push(fromRows(rowScope(viewer), inArray(r.curPipelineId, perStage), inSpan(monthSpan)));
  }
  for (const edge of edges) parts.push(fromRows(rowScope(viewer), inSpan(edge)));
  if (!viewer.access.superuser) {
    const observed = sql`exists (select 1 from ${dealObservers} where ${dealObservers.dealId} = ${r.dealId} and ${dealObservers.orgId} = ${viewer.orgId} and ${dealObservers.userId} = ${viewer.id})`;
    parts.push(fromRows(sql`${r.orgId} = ${viewer.orgId}`, inSpan(period), observed, sql`not ${rowScope(viewer)}`));
  }
  return sql.join(parts, sql` union all `);
}

/**
 * Per stage: deals that reached it in the period, and their amount in the base currency. The
 * amount is null (hidden) where the pipeline hides amounts from the viewer, or where some of the
 * deals are now in a pipeline that does.
 */
export async function stageReach(db: Db, viewer: Viewer, period: Period, filter: ReportFilter, stages: ReportStage[], context: BoardContext): Promise<Map<number, StageFigure>> {
  const result = new Map<number, StageFigure>();
  if (stages.length === 0 || filter.pipelineIds.length === 0) return result;
  // One group per stage (a stage is of one pipeline), each currency summed apart then converted
  // once: grouped by one column the planner hashes a few dozen groups; grouped by stage and
  // currency it guessed thousands and sorted on disk.
  const perCurrency = currencies.map((code, i) => ({ code, column: sql.raw(`c${i}`) }));
  const converted = perCurrency.map(({ code, column }) => ({ value: inBaseCurrency(sql`g.${column}`, sql`${code}`, context), column }));
  const rows = await queryRows<{ stage_id: number; count: number; sum: string; unconverted: boolean; hid: boolean }>(
    db,
    sql`select g.stage_id, g.count, g.hid,
          (${sql.join(converted.map(({ value }) => sql`coalesce(${value}, 0)`), sql` + `)})::text as sum,
          (${sql.join(converted.map(({ value, column }) => sql`(g.${column} is not null and ${value} is null)`), sql` or `)}) as unconverted
        from (
          select stage_id, sum(n)::int as count, bool_or(hid) as hid,
            ${sql.join(perCurrency.map(({ code, column }) => sql`sum(amount) filter (where currency = ${code}) as ${column}`), sql`, `)}
          from (${reachSource(viewer, period, filter, stages, context.timezone)}) u
          group by 1 having sum(n) <> 0
        ) g`,
  );
  const pipelineOf = new Map(stages.map((st) => [st.id, st.pipelineId]));
  for (const row of rows) {
    const hidden = amountsHidden(viewer, pipelineOf.get(Number(row.stage_id))!) || row.hid;
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
