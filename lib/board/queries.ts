import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { activities, companies, contacts, dealContacts, deals, users } from "@/db/schema";
import { decodeCursor, encodeCursor, type SortType } from "@/lib/deals/list/cursor";
import { amountInBase, filterConditions, type FilterContext } from "@/lib/deals/list/sql";
import { amountsHidden, can, dealScope, levelAt, visibleAmount, type Viewer } from "@/lib/permissions";
import type { PipelineWithStages } from "@/lib/org/queries";
import { columnStats, staleCondition, type BoardContext, type ColumnStats } from "./column-totals";
import { shownSemantics, type BoardOrder, type BoardQuery } from "./url-state";

export const COLUMN_PAGE = 20;
const DAY_MS = 86_400_000;

export type BoardStage = { id: number; name: string; color: string; semantics: "P" | "S" | "F"; rotDays: number | null };

type OrderSpec = { expr: AnyPgColumn | SQL; direction: "asc" | "desc"; type: SortType };
const orders: Record<BoardOrder, OrderSpec> = {
  manual: { expr: sql`${deals.boardPosition} collate "C"`, direction: "asc", type: "text" },
  newest: { expr: deals.createdAt, direction: "desc", type: "timestamptz" },
  activity: { expr: sql`coalesce(${deals.lastActivityAt}, 'epoch'::timestamptz)`, direction: "desc", type: "timestamptz" },
  amount: { expr: amountInBase, direction: "desc", type: "numeric" },
  closeDate: { expr: deals.closeDate, direction: "asc", type: "date" },
};

/** Sorting by amount where amounts are hidden would reveal them: such a board is ordered by "newest". */
export function effectiveOrder(viewer: Viewer, pipelineId: number, order: BoardOrder): BoardOrder {
  return order === "amount" && amountsHidden(viewer, pipelineId) ? "newest" : order;
}

/** The stages a board shows as columns: in progress, or those of the semantics the filter asks for. */
export function boardStages(pipeline: PipelineWithStages, query: BoardQuery): BoardStage[] {
  const semantics = shownSemantics(query);
  return pipeline.stages
    .filter((s) => semantics.includes(s.semantics) && (query.filter.stages.length === 0 || query.filter.stages.includes(s.id)))
    .map((s) => ({ id: s.id, name: s.name, color: s.color, semantics: s.semantics, rotDays: s.rotDays }));
}

function columnConditions(viewer: Viewer, pipelineId: number, stage: BoardStage, query: BoardQuery, context: FilterContext) {
  return and(
    dealScope(viewer, "READ"),
    eq(deals.pipelineId, pipelineId),
    eq(deals.stageId, stage.id),
    ...filterConditions(viewer, { ...query.filter, pipeline: null }, context),
    query.stale ? staleCondition(stage) : undefined,
  );
}

const responsible = alias(users, "responsible");

/**
 * One page of a column, keyset-paginated by its own cursor (value and id of the last card), so
 * cards moving elsewhere on the board never make a card show twice or go missing.
 */
export async function columnPage(db: Db, viewer: Viewer, pipelineId: number, stage: BoardStage, query: BoardQuery, context: BoardContext, cursor: string | null, limit = COLUMN_PAGE) {
  const order = orders[effectiveOrder(viewer, pipelineId, query.order)];
  const after = decodeCursor(cursor, order.type);
  const op = sql.raw(order.direction === "asc" ? ">" : "<");
  const keyset = after ? sql`(${order.expr}, ${deals.id}) ${op} (cast(${after.value} as ${sql.raw(order.type)})${sql.raw(order.type === "text" ? ' collate "C"' : "")}, ${after.id})` : undefined;
  const by = order.direction === "asc" ? asc : desc;
  const hidden = amountsHidden(viewer, pipelineId);
  const rows = await db
    .select({
      id: deals.id,
      title: deals.title,
      amount: visibleAmount(viewer),
      currency: deals.currency,
      baseAmount: hidden ? sql<string | null>`null` : deals.amountBase,
      company: companies.title,
      contact: sql<string | null>`(select concat_ws(' ', ${contacts.lastName}, ${contacts.name}) from ${dealContacts} join ${contacts} on ${contacts.id} = ${dealContacts.contactId} where ${dealContacts.dealId} = ${deals.id} order by ${dealContacts.sort} limit 1)`,
      responsibleId: deals.assignedById,
      responsibleName: responsible.name,
      opened: deals.opened,
      closeDate: deals.closeDate,
      createdAt: deals.createdAt,
      movedAt: deals.movedAt,
      // The deal's activity summary (kept by a trigger) says whether any is overdue; only then are they counted.
      overdue: sql<number>`case when ${deals.nextDeadline} < now() then (select count(*)::int from ${activities} where ${activities.orgId} = ${deals.orgId} and ${activities.dealId} = ${deals.id} and not ${activities.completed} and ${activities.deadline} < now()) else 0 end`,
      planned: deals.openActivities,
      sortValue: sql<string | null>`cast(${order.expr} as text)`,
    })
    .from(deals)
    .innerJoin(responsible, eq(responsible.id, deals.assignedById))
    .leftJoin(companies, eq(companies.id, deals.companyId))
    .where(and(columnConditions(viewer, pipelineId, stage, query, context), keyset))
    .orderBy(by(order.expr as AnyPgColumn), by(deals.id))
    .limit(limit + 1);
  const now = Date.now();
  const cards = rows.slice(0, limit).map(({ sortValue, movedAt, createdAt, opened, ...row }) => {
    const days = Math.floor((now - movedAt.getTime()) / DAY_MS);
    // What the viewer may do to the card: only those are offered (drag, move form, selection).
    const facts = { orgId: viewer.orgId, pipelineId, stageId: stage.id, assignedById: row.responsibleId, opened };
    return {
      ...row,
      mayUpdate: can(viewer, "UPDATE", facts),
      mayDelete: can(viewer, "DELETE", facts),
      createdAt: createdAt.toISOString(),
      staleDays: stage.rotDays && days > stage.rotDays ? days : null,
      cursor: encodeCursor({ value: sortValue, id: row.id }),
    };
  });
  return { cards, next: rows.length > limit ? (cards.at(-1)?.cursor ?? null) : null };
}
export type BoardCard = Awaited<ReturnType<typeof columnPage>>["cards"][number];

/** Pipelines the viewer can see any deal of: the board's switcher. */
export function readablePipelines(viewer: Viewer, pipelines: PipelineWithStages[]): PipelineWithStages[] {
  return pipelines.filter((p) => p.stages.some((s) => levelAt(viewer, "READ", p.id, s.id) !== "none"));
}

export type BoardColumn = { stage: BoardStage; stats: ColumnStats; cards: BoardCard[]; next: string | null };

/** The whole board: every column's first page of cards and its count and sum. */
export async function getBoard(db: Db, viewer: Viewer, pipeline: PipelineWithStages, query: BoardQuery, context: BoardContext, limits: Record<number, number> = {}): Promise<BoardColumn[]> {
  const stages = boardStages(pipeline, query);
  const [stats, ...pages] = await Promise.all([
    columnStats(db, viewer, pipeline.id, stages, query, context),
    ...stages.map((stage) => columnPage(db, viewer, pipeline.id, stage, query, context, null, Math.min(Math.max(limits[stage.id] ?? COLUMN_PAGE, COLUMN_PAGE), 200))),
  ]);
  return stages.map((stage, i) => ({ stage, stats: stats.get(stage.id)!, cards: pages[i]!.cards, next: pages[i]!.next }));
}
