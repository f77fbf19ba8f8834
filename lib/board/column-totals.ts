import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { dealStageTotals, deals } from "@/db/schema";
import { filterConditions, type FilterContext } from "@/lib/deals/list/sql";
import { amountsHidden, dealScope, matrixScope, observedBy, type Viewer } from "@/lib/permissions";
import type { BoardQuery } from "./url-state";

export type BoardStageRef = { id: number; rotDays: number | null };
export type ColumnStats = { count: number; sum: string | null; unconverted: boolean };
/** The board's context: the filter's, plus the base currency and the org's rates to it. */
export type BoardContext = FilterContext & { baseCurrency: string; rates: Record<string, string> };

/**
 * An amount in the org's base currency (null where the rate is missing). The few rates are written
 * into the expression rather than joined, so counting a column needs no other table.
 */
export function inBaseCurrency(amount: SQL, currency: SQL, context: BoardContext): SQL<string | null> {
  const branches = Object.entries(context.rates)
    .filter(([code]) => code !== context.baseCurrency)
    .map(([code, rate]) => sql` when ${code} then round(${amount} * cast(${rate} as numeric), 2)`);
  return sql<string | null>`(case ${currency} when ${context.baseCurrency} then ${amount}${sql.join(branches, sql``)} else null end)`;
}

/** Stale: in the stage for longer than its "days to rot", counted from entering the stage. */
export function staleCondition(stage: BoardStageRef): SQL {
  if (!stage.rotDays) return sql`false`;
  return sql`${deals.movedAt} < now() - make_interval(days => ${stage.rotDays})`;
}

/**
 * Can the maintained totals answer this board? Only when nothing but the pipeline and the columns
 * (stages, or their kind) narrows it: the totals know a deal's stage, responsible, openness and
 * currency, nothing else.
 */
export function totalsAnswer(viewer: Viewer, query: BoardQuery, context: FilterContext): boolean {
  return !query.stale && filterConditions(viewer, { ...query.filter, pipeline: null, stages: [], semantics: [] }, context).length === 0;
}

/**
 * Per stage and currency: how many deals and their sum, from the maintained totals. Their rows
 * are scoped by the matrix (they carry its facts); deals the viewer reads only as an observer are
 * added from the deals themselves, few by nature.
 */
function fromTotals(viewer: Viewer, pipelineId: number, stageIds: number[]): SQL {
  const t = dealStageTotals;
  const kept = sql`select ${t.stageId} as stage_id, ${t.currency} as currency, sum(${t.deals})::int as n, sum(${t.amount}) as amount
    from ${t} where ${and(matrixScope(viewer, "READ", t), eq(t.pipelineId, pipelineId), inArray(t.stageId, stageIds))}
    group by 1, 2 having sum(${t.deals}) <> 0`;
  if (viewer.access.superuser) return kept;
  const onlyObserved = sql`select ${deals.stageId}, ${deals.currency}, count(*)::int, sum(${deals.amount})
    from ${deals} where ${and(
      eq(deals.orgId, viewer.orgId),
      eq(deals.pipelineId, pipelineId),
      inArray(deals.stageId, stageIds),
      observedBy(viewer),
      sql`not ${matrixScope(viewer, "READ", deals)}`,
    )} group by 1, 2`;
  return sql`${kept} union all ${onlyObserved}`;
}

/** The same figures counted from the deals, under the board's filters. */
function fromDeals(viewer: Viewer, pipelineId: number, stages: BoardStageRef[], query: BoardQuery, context: FilterContext): SQL {
  const where = and(
    dealScope(viewer, "READ"),
    eq(deals.pipelineId, pipelineId),
    inArray(deals.stageId, stages.map((s) => s.id)),
    ...filterConditions(viewer, { ...query.filter, pipeline: null }, context),
    query.stale ? sql`(${sql.join(stages.map((s) => sql`(${deals.stageId} = ${s.id} and ${staleCondition(s)})`), sql` or `)})` : undefined,
  );
  return sql`select ${deals.stageId} as stage_id, ${deals.currency} as currency, count(*)::int as n, sum(${deals.amount}) as amount
    from ${deals} where ${where} group by 1, 2`;
}

/**
 * Count and sum per column in the org's base currency, under the same scope and filters as the
 * cards. Each currency's sum is converted once (not deal by deal), so both sources agree to the
 * cent. `unconverted` says a currency without a rate was left out of the sum (never silently).
 */
export async function columnStats(db: Db, viewer: Viewer, pipelineId: number, stages: BoardStageRef[], query: BoardQuery, context: BoardContext): Promise<Map<number, ColumnStats>> {
  const hidden = amountsHidden(viewer, pipelineId);
  const result = new Map<number, ColumnStats>(stages.map((s) => [s.id, { count: 0, sum: hidden ? null : "0", unconverted: false }]));
  const counted = query.stale ? stages.filter((s) => s.rotDays) : stages;
  if (counted.length === 0) return result;
  const source = totalsAnswer(viewer, query, context) ? fromTotals(viewer, pipelineId, counted.map((s) => s.id)) : fromDeals(viewer, pipelineId, counted, query, context);
  const base = inBaseCurrency(sql`g.amount`, sql`g.currency`, context);
  const rows = await queryRows<{ stage_id: number; count: number; sum: string; unconverted: boolean }>(
    db,
    sql`select g.stage_id, sum(g.n)::int as count, coalesce(sum(${base}), 0)::text as sum, bool_or(${base} is null) as unconverted
        from (${source}) g group by g.stage_id`,
  );
  for (const row of rows) {
    result.set(Number(row.stage_id), { count: Number(row.count), sum: hidden ? null : row.sum.replace(/\.?0+$/, "") || "0", unconverted: !hidden && row.unconverted });
  }
  return result;
}

/** Folds the totals' rows, one per key; a recurring job. Returns how many rows were folded. */
export async function foldDealTotals(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select crm_fold_deal_totals() as folded`);
  return Number(row?.folded ?? 0);
}
