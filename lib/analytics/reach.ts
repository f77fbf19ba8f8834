import "server-only";
import { and, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "@/db/client";
import { dealReachTotals, dealStageReach } from "@/db/schema";
import type { BoardContext } from "@/lib/board/column-totals";
import { normalizeAmount } from "@/lib/money/money";
import { convertedSum, sumsPerCurrency } from "./currency-sums";
import { amountsHidden, hiddenPipelineIds, matrixScope, observes, pipelineMatrixScope, type Viewer } from "@/lib/permissions";
import { splitByMonths, type Period } from "./period";

/** What narrows a report: its pipelines, and the responsibles (a department's people, or chosen ones; null for everyone). */
export type ReportFilter = {
  pipelineIds: number[];
  responsibleIds: number[] | null;
  /** The department (with those below it) the responsibles are, when chosen without naming people: what drill-down links pass on. */
  departmentId?: number | null;
};
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

/** What narrows a report's rows, on any table of them: its pipelines, and the responsibles where the filter names them. */
export function narrowedTo(filter: ReportFilter, pipelineId: AnyPgColumn, assignedById: AnyPgColumn): SQL[] {
  const conditions = [inArray(pipelineId, filter.pipelineIds)];
  if (filter.responsibleIds) conditions.push(inArray(assignedById, filter.responsibleIds));
  return conditions;
}

/** A row's amount is hidden where any pipeline it names (the one reported on, the deal's now) hides amounts from the viewer. */
export function amountHidden(viewer: Viewer, ...pipelineIds: AnyPgColumn[]): SQL {
  const hidden = hiddenPipelineIds(viewer);
  return hidden.length ? sql`(${or(...pipelineIds.map((column) => inArray(column, hidden)))})` : sql`false`;
}

/** An instant within the period's days in the org's time zone. */
export const withinDays = (at: AnyPgColumn, span: Period, timezone: string): SQL => and(gte(at, dayStart(span.from, timezone)), lt(at, dayStart(span.to, timezone)))!;

const hiddenAmountOf = (viewer: Viewer, table: typeof r | typeof t) => amountHidden(viewer, table.pipelineId, table.curPipelineId);
const narrowing = (table: typeof r | typeof t, filter: ReportFilter) => narrowedTo(filter, table.pipelineId, table.assignedById);
const reachedIn = (span: Period, timezone: string) => withinDays(r.reachedAt, span, timezone);
const observedBy = (viewer: Viewer) => observes(viewer, r.dealId);

/** The reach rows of deals the viewer may read (the rule on the deal's current facts, or observing it); undefined: all of the org's. */
export function readableReachRows(viewer: Viewer): SQL | undefined {
  return viewer.access.superuser ? undefined : or(rowScope(viewer), observedBy(viewer));
}

/**
 * The deals won in the period (reached a success stage and still there) that the viewer may read,
 * one row each: `deal_id`, `pipeline_id`, `assigned_by_id`, `won_at`, `entered_at` (into the
 * pipeline), `currency`, `amount`, and `hid` where the viewer may not see its amount: what the
 * days-to-win figure joins to. Read by an index-only scan of
 * deal_stage_reach_org_stage_at_idx.
 */
export function wonDealsSource(viewer: Viewer, period: Period, filter: ReportFilter, successStageIds: number[], timezone: string): SQL {
  const readable = readableReachRows(viewer);
  return sql`select ${r.dealId} as deal_id, ${r.pipelineId} as pipeline_id, ${r.assignedById} as assigned_by_id, ${r.reachedAt} as won_at, ${r.enteredAt} as entered_at, ${r.currency} as currency, ${r.amount} as amount, ${hiddenAmountOf(viewer, r)} as hid
    from ${r} where ${and(sql`${r.orgId} = ${viewer.orgId}`, inArray(r.stageId, successStageIds.length ? successStageIds : [0]), sql`${r.curStageId} = ${r.stageId}`, reachedIn(period, timezone), ...narrowing(r, filter), readable)}`;
}

/**
 * Deals that reached each stage in the period, and their amount, over the deals the viewer may
 * read. Whole months come from the monthly totals; from the reach rows come the days around
 * them, the pipelines where the viewer's rules differ by stage (the totals know no stage), and
 * deals read only as an observer (the totals know nothing of observers).
 */
function reachSource(viewer: Viewer, period: Period, filter: ReportFilter, stages: ReportStage[], timezone: string, grain: Grain): SQL {
  // The monthly totals answer whole months only when the figures are grouped by month at most.
  const { months, edges } = grain === "month" ? splitByMonths(period) : { months: null, edges: [period] };
  const hiddenAmount = (table: typeof r | typeof t) => hiddenAmountOf(viewer, table);
  const parts: SQL[] = [];
  const inSpan = (span: Period) => reachedIn(span, timezone);
  const fromRows = (...conditions: SQL[]) =>
    sql`select ${r.stageId} as stage_id, ${r.assignedById} as assigned_by_id, date_trunc(${sql.raw(`'${grain}'`)}, ${r.reachedAt} at time zone ${timezone})::date as month, ${r.currency} as currency, 1 as n, ${r.amount} as amount, ${hiddenAmount(r)} as hid
      from ${r} where ${and(...conditions, ...narrowing(r, filter), reachedCondition(r.stageId, sql`${r.curStageId} = ${r.stageId}`, stages))}`;
  if (months) {
    const { scope, perStage } = totalsScope(viewer);
    parts.push(sql`select ${t.stageId} as stage_id, ${t.assignedById} as assigned_by_id, ${t.month} as month, ${t.currency} as currency, ${t.deals} as n, ${t.amount} as amount, ${hiddenAmount(t)} as hid
      from ${t} where ${and(scope, gte(t.month, months.from), lt(t.month, months.to), ...narrowing(t, filter), reachedCondition(t.stageId, sql`${t.stillThere}`, stages))}`);
    const monthSpan = { from: months.from, to: months.to };
    if (perStage.length) parts.push(fromRows(rowScope(viewer), inArray(r.curPipelineId, perStage), inSpan(monthSpan)));
  }
  for (const edge of edges) parts.push(fromRows(rowScope(viewer), inSpan(edge)));
  if (!viewer.access.superuser) parts.push(fromRows(sql`${r.orgId} = ${viewer.orgId}`, inSpan(period), observedBy(viewer), sql`not ${rowScope(viewer)}`));
  return sql.join(parts, sql` union all `);
}

/** How finely figures over time are cut: by the org's calendar day, ISO week (from Monday) or month. */
export type Grain = "day" | "week" | "month";

/**
 * Counts and amounts (in the base currency) of the reach rows of the period, grouped by a key
 * over the rows' stage_id, assigned_by_id and month (the first day of the org's calendar month,
 * or of the week or the day with a finer grain). The amount is null (hidden) where a pipeline the
 * group touches hides amounts from the viewer.
 */
export async function reachFigures(db: Db, viewer: Viewer, period: Period, filter: ReportFilter, stages: ReportStage[], context: BoardContext, key: SQL, grain: Grain = "month"): Promise<Map<string, StageFigure>> {
  const result = new Map<string, StageFigure>();
  if (stages.length === 0 || filter.pipelineIds.length === 0) return result;
  // One column to group by, each currency summed apart then converted once: grouped by one column
  // the planner hashes a few hundred groups; grouped by several it guessed tens of thousands and
  // sorted on disk.
  const { sum, unconverted } = convertedSum("g", context);
  const rows = await queryRows<{ key: string; count: number; sum: string; unconverted: boolean; hid: boolean }>(
    db,
    sql`select g.key::text as key, g.count, g.hid, ${sum} as sum, ${unconverted} as unconverted
        from (
          select ${key} as key, sum(n)::int as count, bool_or(hid) as hid, ${sumsPerCurrency(sql`amount`, sql`currency`)}
          from (${reachSource(viewer, period, filter, stages, context.timezone, grain)}) u
          group by 1 having sum(n) <> 0
        ) g`,
  );
  for (const row of rows) result.set(row.key, { count: Number(row.count), sum: row.hid ? null : normalizeAmount(row.sum), unconverted: !row.hid && row.unconverted });
  return result;
}

/** Per stage: deals that reached it in the period, and their amount. */
export async function stageReach(db: Db, viewer: Viewer, period: Period, filter: ReportFilter, stages: ReportStage[], context: BoardContext): Promise<Map<number, StageFigure>> {
  const figures = await reachFigures(db, viewer, period, filter, stages, context, sql`stage_id`);
  const result = new Map<number, StageFigure>();
  for (const stage of stages) {
    const figure = figures.get(String(stage.id));
    if (figure) result.set(stage.id, amountsHidden(viewer, stage.pipelineId) ? { ...figure, sum: null, unconverted: false } : figure);
  }
  return result;
}

export const outcomes = ["entered", "won", "lost"] as const;
export type Outcome = (typeof outcomes)[number];
export type ResponsibleFigures = Record<Outcome, StageFigure>;

/**
 * Per responsible: deals that entered a funnel in the period (reached its first stage), were won
 * in it (reached the success stage and are still there) and lost in it (a failure stage, still there).
 */
export async function responsibleOutcomes(db: Db, viewer: Viewer, period: Period, filter: ReportFilter, pipelines: { stages: ReportStage[] }[], context: BoardContext): Promise<Map<number, ResponsibleFigures>> {
  const first = pipelines.map((p) => p.stages.find((s) => s.semantics === "P")).filter((s): s is ReportStage => !!s);
  const all = pipelines.flatMap((p) => p.stages);
  const won = all.filter((s) => s.semantics === "S");
  const lost = all.filter((s) => s.semantics === "F");
  const ids = (list: ReportStage[]) => (list.length ? inArray(sql`stage_id`, list.map((s) => s.id)) : sql`false`);
  // One number per person and outcome (person × 3 + outcome), so the rows are grouped by one column.
  const key = sql`assigned_by_id::bigint * 3 + case when ${ids(first)} then 0 when ${ids(won)} then 1 else 2 end`;
  const figures = await reachFigures(db, viewer, period, filter, [...first, ...won, ...lost], context, key);
  const none = (): StageFigure => ({ count: 0, sum: "0", unconverted: false });
  const result = new Map<number, ResponsibleFigures>();
  for (const [k, figure] of figures) {
    const n = Number(k);
    const person = Math.floor(n / 3);
    const entry = result.get(person) ?? { entered: none(), won: none(), lost: none() };
    entry[outcomes[n % 3]!] = figure;
    result.set(person, entry);
  }
  return result;
}


/** Folds the monthly totals' rows, one per key; a recurring job. Returns how many rows were folded. */
export async function foldReachTotals(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select crm_fold_reach_totals() as folded`);
  return Number(row?.folded ?? 0);
}
