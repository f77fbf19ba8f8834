import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealEvents, deals, stageHistory, type StageHistoryType } from "@/db/schema";
import { positionsBelow, topPosition } from "@/lib/board/placement";
import { intArray, textArray } from "@/db/arrays";
import { enqueueStageEntry } from "@/lib/automation/outbox";
import { announceDealChange } from "@/lib/live/deal-changes";
import type { Viewer } from "@/lib/permissions";

/**
 * The one place a deal changes stage. Every writer that moves a deal — the form (through the deal
 * service), the board's drag and move form, bulk actions, a stage's deletion — records it here,
 * so the facts a stage change consists of never drift apart: the stage's columns on the deal
 * row (pipeline, stage, its kind, closed), when and by whom it moved, its place on the board,
 * its stage history row (the reference's types), the notice to open boards, and the robots the
 * stage starts (lib/automation/outbox.ts), all in the caller's transaction.
 *
 * The caller has locked the deal (lib/deals/locks.ts), checked the permission rule and the
 * target's required fields, and writes its own event (a form's edit is one history entry).
 */

export type StageRow = { id: number; pipelineId: number; semantics: "P" | "S" | "F"; name: string };

/** The reference's stage history types: created (1), moved within (2), to a final stage (3), to another pipeline (5). */
export function historyType(before: Pick<StageRow, "pipelineId"> | null, after: StageRow): StageHistoryType {
  if (!before) return 1;
  if (before.pipelineId !== after.pipelineId) return 5;
  return after.semantics === "P" ? 2 : 3;
}

/** The deal row's columns that follow its stage. */
export function stageColumns(stage: StageRow) {
  return { pipelineId: stage.pipelineId, stageId: stage.id, stageSemantics: stage.semantics, closed: stage.semantics !== "P" };
}

/** A new deal's first stage: its history row of type "created". */
export async function recordFirstStage(db: Db, viewer: Viewer, dealId: number, stage: StageRow, at: Date): Promise<void> {
  await db.insert(stageHistory).values({ orgId: viewer.orgId, dealId, typeId: 1, pipelineId: stage.pipelineId, stageId: stage.id, stageSemantics: stage.semantics, userId: viewer.id, at });
  await enqueueStageEntry(db, viewer.orgId, [dealId], stage.id, null);
  await announceDealChange(db, viewer.orgId, [stage.id]);
}

/**
 * One deal into another stage: the row's stage columns, moved time and board place (`position`,
 * or the top of the new column), and its history row. `alsoSet`: the caller's own columns of the
 * same change, written in the same statement (a move is one row write).
 */
export async function recordStageChange(
  db: Db,
  viewer: Viewer,
  deal: { id: number; pipelineId: number; stageId: number },
  stage: StageRow,
  at: Date,
  { position, alsoSet = {} }: { position?: string; alsoSet?: Partial<typeof deals.$inferInsert> } = {},
): Promise<void> {
  const boardPosition = position ?? (await topPosition(db, viewer.orgId, stage.id, deal.id));
  await db
    .update(deals)
    .set({ ...alsoSet, ...stageColumns(stage), movedAt: at, movedById: viewer.id, boardPosition })
    .where(and(eq(deals.orgId, viewer.orgId), eq(deals.id, deal.id)));
  await db.insert(stageHistory).values({ orgId: viewer.orgId, dealId: deal.id, typeId: historyType(deal, stage), pipelineId: stage.pipelineId, stageId: stage.id, stageSemantics: stage.semantics, userId: viewer.id, at });
  await enqueueStageEntry(db, viewer.orgId, [deal.id], stage.id, deal.stageId);
  await announceDealChange(db, viewer.orgId, [deal.stageId, stage.id]);
}

/**
 * Many deals into one stage of their pipeline (a bulk action), set-based: the same facts as
 * recordStageChange and the event of each — one statement per table for any number of deals.
 * Each deal moves at its own `at` (its time after its lock) and lands at the top of the column,
 * the last of `moving` on top, as if they had moved one after the other. The caller has locked
 * the deals' rows in ascending id and checked each against the rule and the stage's requirements.
 */
export async function recordStageChanges(db: Db, viewer: Viewer, moving: { id: number; pipelineId: number; stageId: number; at: Date }[], stage: StageRow): Promise<void> {
  if (moving.length === 0) return;
  const ids = moving.map((d) => d.id);
  const keys = await positionsBelow(db, viewer.orgId, stage.id, null, [...ids].reverse());
  const placed = sql`unnest(${intArray([...ids].reverse())}, ${textArray(keys)}, ${textArray([...moving].reverse().map((d) => d.at.toISOString()))}::timestamptz[])`;
  await db.execute(sql`
    update ${deals} d set pipeline_id = ${stage.pipelineId}, stage_id = ${stage.id}, stage_semantics = ${stage.semantics}, closed = ${stage.semantics !== "P"},
      moved_at = p.at, moved_by_id = ${viewer.id}, board_position = p.key, updated_at = p.at, modified_by_id = ${viewer.id}, version = d.version + 1
    from ${placed} as p(id, key, at)
    where d.id = p.id and d.org_id = ${viewer.orgId}`);
  await db.insert(stageHistory).values(moving.map((d) => ({ orgId: viewer.orgId, dealId: d.id, typeId: historyType(d, stage), pipelineId: stage.pipelineId, stageId: stage.id, stageSemantics: stage.semantics, userId: viewer.id, at: d.at })));
  await db.insert(dealEvents).values(moving.map((d) => ({ orgId: viewer.orgId, dealId: d.id, kind: "updated" as const, changes: [{ field: "stageId", old: d.stageId, new: stage.id }], userId: viewer.id, at: d.at })));
  const from = [...new Set(moving.map((d) => d.stageId))];
  for (const fromStageId of from) await enqueueStageEntry(db, viewer.orgId, moving.filter((d) => d.stageId === fromStageId).map((d) => d.id), stage.id, fromStageId);
  await announceDealChange(db, viewer.orgId, [...from, stage.id]);
}

/**
 * Every deal of one stage into another (the stage, or its whole pipeline, is being deleted),
 * set-based: the same facts as recordStageChange, one statement per table, each deal's event
 * included; into another pipeline the history says so (type 5). The caller has locked the deals'
 * rows in ascending id.
 */
export async function recordStageChangeOfAll(db: Db, viewer: Viewer, from: { id: number; pipelineId: number }, to: StageRow, at: Date): Promise<void> {
  const typeId = historyType(from, to);
  const inStage = sql`org_id = ${viewer.orgId} and stage_id = ${from.id}`;
  const changes =
    from.pipelineId === to.pipelineId
      ? sql`jsonb_build_array(jsonb_build_object('field', 'stageId', 'old', ${from.id}::int, 'new', ${to.id}::int))`
      : sql`jsonb_build_array(jsonb_build_object('field', 'pipelineId', 'old', ${from.pipelineId}::int, 'new', ${to.pipelineId}::int), jsonb_build_object('field', 'stageId', 'old', ${from.id}::int, 'new', ${to.id}::int))`;
  await enqueueStageEntry(db, viewer.orgId, sql`select id from deals where ${inStage}`, to.id, from.id);
  await db.execute(sql`
    insert into ${stageHistory} (org_id, deal_id, type_id, pipeline_id, stage_id, stage_semantics, user_id, at)
    select org_id, id, ${typeId}, ${to.pipelineId}, ${to.id}, ${to.semantics}, ${viewer.id}, ${at} from deals where ${inStage}`);
  await db.execute(sql`
    insert into ${dealEvents} (org_id, deal_id, kind, changes, user_id, at)
    select org_id, id, 'updated', ${changes}, ${viewer.id}, ${at}
    from deals where ${inStage}`);
  await db
    .update(deals)
    .set({ ...stageColumns(to), movedAt: at, movedById: viewer.id, updatedAt: at, modifiedById: viewer.id, version: sql`${deals.version} + 1` })
    .where(and(eq(deals.orgId, viewer.orgId), eq(deals.stageId, from.id)));
  await announceDealChange(db, viewer.orgId, [from.id, to.id]);
}
