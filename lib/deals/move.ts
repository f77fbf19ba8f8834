import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealContacts, dealEvents, deals, stages } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { positionsBelow } from "@/lib/board/placement";
import type { MessageKey } from "@/lib/i18n/translate";
import { announceDealChange } from "@/lib/live/deal-changes";
import { amountsHidden, can, type Viewer } from "@/lib/permissions";
import { assertRequiredFilled } from "./required/service";
import { lockDealRows, timeAfterLock } from "./locks";
import { assertMayEnter, lockDeal } from "./service";
import { recordStageChange, type StageRow } from "./stage-change";

/** Where cards go: a stage, right below the card `afterId` (null: at the top of the column). */
export type MoveTarget = { stageId: number; afterId: number | null };
export type MoveResult = { moved: number[]; refused: { id: number; reason: MessageKey; vars?: Record<string, string | number> }[] };

async function targetStage(db: Db, orgId: number, stageId: number): Promise<StageRow> {
  const [stage] = await db
    .select({ id: stages.id, pipelineId: stages.pipelineId, semantics: stages.semantics, name: stages.name })
    .from(stages)
    .where(and(eq(stages.orgId, orgId), eq(stages.id, stageId)));
  if (!stage) throw new ActionError("invalid", "board.stageGone");
  return stage;
}

/** One card: the row update (stage and place) plus, for a stage change, its history rows. Returns the stage it left. */
async function moveOne(db: Db, viewer: Viewer, id: number, stage: StageRow, position: string, at: Date | undefined): Promise<number> {
  const deal = await lockDeal(db, viewer, id);
  const now = at ?? timeAfterLock(deal);
  if (!can(viewer, "UPDATE", deal)) throw new ActionError("forbidden", "errors.forbidden");
  if (stage.pipelineId !== deal.pipelineId) throw new ActionError("invalid", "board.otherPipeline");
  const stageChanged = stage.id !== deal.stageId;
  if (stageChanged) {
    assertMayEnter(viewer, deal, stage);
    const contacts = await db.select({ id: dealContacts.contactId }).from(dealContacts).where(eq(dealContacts.dealId, id));
    await assertRequiredFilled(db, viewer.orgId, stage, { ...deal, contactIds: contacts.map((c) => c.id) }, undefined, amountsHidden(viewer, stage.pipelineId) ? ["amount"] : []);
  }
  if (!stageChanged) {
    // Reordering within a column is not an edit of the deal: no version bump, no history.
    await db.update(deals).set({ boardPosition: position }).where(eq(deals.id, id));
    return deal.stageId;
  }
  await recordStageChange(db, viewer, deal, stage, now, { position, alsoSet: { updatedAt: now, modifiedById: viewer.id, version: deal.version + 1 } });
  await db.insert(dealEvents).values({ orgId: viewer.orgId, dealId: id, kind: "updated", changes: [{ field: "stageId", old: deal.stageId, new: stage.id }], userId: viewer.id, at: now });
  return deal.stageId;
}

/**
 * The board's move: cards dropped together into a stage, in the given order, below a card.
 * Each card's row is locked while it moves, so two people moving one card are applied one after
 * the other (both in the stage history, the last commit wins), never an error. A single card
 * that may not move throws the reason; of several, the refused ones are reported and the rest move.
 */
/** `at`: the moves' time (tests); by default each card's time after its lock (timeAfterLock). */
export async function moveDeals(db: Db, viewer: Viewer, ids: number[], target: MoveTarget, at?: Date): Promise<MoveResult> {
  const unique = [...new Set(ids)];
  const stage = await targetStage(db, viewer.orgId, target.stageId);
  // The lock order (lib/deals/locks.ts): the cards' rows, then the column.
  await lockDealRows(db, viewer.orgId, unique);
  const keys = await positionsBelow(db, viewer.orgId, stage.id, target.afterId, unique);
  const result: MoveResult = { moved: [], refused: [] };
  // A stage change announces itself (recordStageChange); a reorder within the column is announced here.
  let reordered = false;
  for (const [i, id] of unique.entries()) {
    if (unique.length === 1) {
      reordered ||= (await moveOne(db, viewer, id, stage, keys[i]!, at)) === stage.id;
      result.moved.push(id);
      continue;
    }
    try {
      reordered ||= (await db.transaction((tx) => moveOne(tx as unknown as Db, viewer, id, stage, keys[i]!, at))) === stage.id;
      result.moved.push(id);
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      result.refused.push({ id, reason: error.messageKey, vars: error.vars });
    }
  }
  if (reordered) await announceDealChange(db, viewer.orgId, [stage.id]);
  return result;
}
