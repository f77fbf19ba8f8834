import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals, stages } from "@/db/schema";
import { createActivity } from "@/lib/activities/service";
import { DEFAULT_REMINDERS } from "@/lib/activities/reminders";
import { ActionError } from "@/lib/actions/errors";
import type { MessageKey } from "@/lib/i18n/translate";
import { dealScope, type Viewer } from "@/lib/permissions";
import { addObservers, currentInput, deleteDeal, updateDeal } from "../service";
import { createFromDeal } from "@/lib/documents/service";
import { applyFieldChange, type SetBasedOutcome } from "./field-change";
import { applyStageMove } from "./stage-move";
import { lockDealRows } from "../locks";

/** Refusals carry titles only of deals the viewer may read: a refusal must not tell anyone else's deal's name. */
async function withTitles(db: Db, viewer: Viewer, outcome: SetBasedOutcome): Promise<BulkResult> {
  const ids = outcome.refused.map((r) => r.id);
  const titles = new Map(ids.length ? (await db.select({ id: deals.id, title: deals.title }).from(deals).where(and(dealScope(viewer, "READ"), inArray(deals.id, ids)))).map((d) => [d.id, d.title]) : []);
  return { changed: outcome.changed, unchanged: outcome.unchanged, refused: outcome.refused.map((r) => ({ ...r, title: titles.get(r.id) ?? `#${r.id}` })) };
}

export type BulkAction =
  | { kind: "responsible"; assignedById: number }
  | { kind: "stage"; stageId: number }
  | { kind: "pipeline"; pipelineId: number }
  | { kind: "opened"; opened: boolean }
  | { kind: "observers"; userIds: number[] }
  | { kind: "task"; subject: string; deadline: Date }
  | { kind: "document"; documentKind: "quote" | "invoice" }
  | { kind: "delete" };

export type BulkResult = { changed: number; unchanged: number; refused: { id: number; title: string; reason: MessageKey; vars?: Record<string, string | number> }[] };

/** Above this many deals a bulk action runs in the background (CRM_BULK_SYNC_LIMIT, default 1,000). */
export const BULK_SYNC_LIMIT = Math.max(1, Number(process.env.CRM_BULK_SYNC_LIMIT) || 1000);
/** The most deals one bulk action takes (a background one included). */
export const BULK_MAX = 200_000;

/** The stage a deal lands on when moved to another pipeline: in progress → first stage, won → success, lost → first failure stage. */
async function landingStage(db: Db, orgId: number, pipelineId: number, semantics: "P" | "S" | "F"): Promise<number | null> {
  const [stage] = await db
    .select({ id: stages.id })
    .from(stages)
    .where(and(eq(stages.orgId, orgId), eq(stages.pipelineId, pipelineId), eq(stages.semantics, semantics)))
    .orderBy(asc(stages.sort), asc(stages.id))
    .limit(1);
  return stage?.id ?? null;
}

async function applyOne(db: Db, viewer: Viewer, id: number, action: BulkAction): Promise<boolean> {
  if (action.kind === "delete") {
    await deleteDeal(db, viewer, id);
    return true;
  }
  if (action.kind === "observers") return (await addObservers(db, viewer, id, action.userIds)).changed;
  if (action.kind === "document") {
    await createFromDeal(db, viewer, id, action.documentKind);
    return true;
  }
  const { input, version, deal } = await currentInput(db, viewer, id);
  if (action.kind === "task") {
    // Through the activities service: the deal's lock and rule, the reminder, the board's notice.
    await createActivity(db, viewer, id, { type: "task", subject: action.subject, description: null, deadline: action.deadline, responsibleId: deal.assignedById, direction: null, reminders: [...DEFAULT_REMINDERS] });
    return true;
  }
  let patch: Partial<typeof input>;
  if (action.kind === "responsible") patch = { assignedById: action.assignedById };
  else if (action.kind === "opened") patch = { opened: action.opened };
  else if (action.kind === "stage") {
    const [target] = await db.select({ pipelineId: stages.pipelineId }).from(stages).where(and(eq(stages.orgId, viewer.orgId), eq(stages.id, action.stageId)));
    if (target && target.pipelineId !== deal.pipelineId) throw new ActionError("invalid", "bulk.otherPipeline");
    patch = { stageId: action.stageId };
  } else {
    if (action.pipelineId === deal.pipelineId) return false;
    const stageId = await landingStage(db, viewer.orgId, action.pipelineId, deal.stageSemantics);
    if (!stageId) throw new ActionError("invalid", "errors.unknownOption");
    patch = { stageId };
  }
  return (await updateDeal(db, viewer, id, version, { ...input, ...patch })).changed;
}

/**
 * Applies one action to many deals. Each deal is atomic on its own (a savepoint): a deal the
 * viewer may not change is refused and reported with the reason, never silently skipped, and
 * never leaves a half-written change. Any other error rolls the whole action back.
 */
export async function applyBulk(db: Db, viewer: Viewer, action: BulkAction, dealIds: number[]): Promise<BulkResult> {
  // A plain field change and a move to a stage go set-based (a few statements for the lot); the rest deal by deal.
  const sorted = [...new Set(dealIds)].sort((a, b) => a - b);
  if (action.kind === "responsible" || action.kind === "opened") return withTitles(db, viewer, await applyFieldChange(db, viewer, action, sorted));
  if (action.kind === "stage") {
    const moved = await applyStageMove(db, viewer, action.stageId, sorted);
    if (moved) return withTitles(db, viewer, moved);
  }
  return applyEachDeal(db, viewer, action, dealIds);
}

/** Deal by deal through the deal service; exported so a test can hold the set-based path to it. */
export async function applyEachDeal(db: Db, viewer: Viewer, action: BulkAction, dealIds: number[]): Promise<BulkResult> {
  const result: BulkResult = { changed: 0, unchanged: 0, refused: [] };
  // The lock order (lib/deals/locks.ts): every deal's row before any board column a deal moves into.
  await lockDealRows(db, viewer.orgId, dealIds);
  // Titles only of deals the viewer may read: a refusal must not tell anyone else's deal's name.
  const titles = new Map(
    dealIds.length ? (await db.select({ id: deals.id, title: deals.title }).from(deals).where(and(dealScope(viewer, "READ"), inArray(deals.id, dealIds)))).map((d) => [d.id, d.title]) : [],
  );
  for (const id of [...new Set(dealIds)].sort((a, b) => a - b)) {
    try {
      const changed = await db.transaction((tx) => applyOne(tx as unknown as Db, viewer, id, action));
      if (changed) result.changed++;
      else result.unchanged++;
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      // A stage's required fields: the message names the stage; otherwise the field's own error says most.
      const reason = error.fieldErrors && error.messageKey !== "errors.requiredAtStage" ? (Object.values(error.fieldErrors)[0] ?? error.messageKey) : error.messageKey;
      result.refused.push({ id, title: titles.get(id) ?? `#${id}`, reason, vars: error.vars });
    }
  }
  return result;
}
