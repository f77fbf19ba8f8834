import "server-only";
import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealObservers, deals, stages } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { MessageKey } from "@/lib/i18n/translate";
import { amountsHidden, can, type Viewer } from "@/lib/permissions";
import { onDealsChanged } from "@/lib/automation/triggers/detect";
import { missingFields } from "../required/rule";
import { requiredAt } from "../required/service";
import { timeAfterLock } from "../locks";
import { assertMayEnter } from "../service";
import { recordStageChanges } from "../stage-change";

type Outcome = { changed: number; unchanged: number; refused: { id: number; reason: MessageKey; vars?: Record<string, string | number> }[] };

/**
 * Moves many deals into one stage of their pipeline in a few statements instead of a dozen per
 * deal, deciding each deal as the deal service does one by one: a deal the viewer may not read is
 * "not found", one of another pipeline or one they may not change is refused, the stage's
 * transition rule and required fields are checked per deal with the service's own messages.
 * Null when the stage does not exist (the caller then goes deal by deal, for their messages).
 */
export async function applyStageMove(db: Db, viewer: Viewer, stageId: number, ids: number[]): Promise<Outcome | null> {
  const [stage] = await db
    .select({ id: stages.id, pipelineId: stages.pipelineId, semantics: stages.semantics, name: stages.name })
    .from(stages)
    .where(and(eq(stages.orgId, viewer.orgId), eq(stages.id, stageId)));
  if (!stage) return null;
  const outcome: Outcome = { changed: 0, unchanged: 0, refused: [] };
  if (ids.length === 0) return outcome;
  const rows = await db
    .select({
      ...getTableColumns(deals),
      observerIds: sql<number[]>`array(select o.user_id from ${dealObservers} o where o.deal_id = ${deals.id})`,
      contactIds: sql<number[]>`array(select c.contact_id from deal_contacts c where c.deal_id = ${deals.id})`,
    })
    .from(deals)
    .where(and(eq(deals.orgId, viewer.orgId), inArray(deals.id, ids)))
    // Ascending: the lock order of lib/deals/locks.ts.
    .orderBy(asc(deals.id))
    .for("update");
  const found = new Map(rows.map((row) => [row.id, { ...row, observerIds: row.observerIds.map(Number), contactIds: row.contactIds.map(Number) }]));
  const required = await requiredAt(db, viewer.orgId, stage.id);
  const moving: Parameters<typeof recordStageChanges>[2] = [];
  for (const id of ids) {
    const deal = found.get(id);
    const refuse = (reason: MessageKey, vars?: Record<string, string | number>) => outcome.refused.push({ id, reason, ...(vars ? { vars } : {}) });
    if (!deal || !can(viewer, "READ", deal)) refuse("errors.notFound");
    else if (deal.pipelineId !== stage.pipelineId) refuse("bulk.otherPipeline");
    else if (!can(viewer, "UPDATE", deal)) refuse("errors.forbidden");
    else if (deal.stageId === stage.id) outcome.unchanged++;
    else {
      try {
        assertMayEnter(viewer, deal, stage);
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        refuse(error.messageKey, error.vars);
        continue;
      }
      const missing = missingFields(required, deal);
      const hidden = amountsHidden(viewer, deal.pipelineId) || amountsHidden(viewer, stage.pipelineId);
      if (missing.length) refuse(hidden && missing.includes("amount") ? "errors.requiredHidden" : "errors.requiredAtStage", { stage: stage.name });
      else moving.push({ id, pipelineId: deal.pipelineId, stageId: deal.stageId, at: timeAfterLock(deal) });
    }
  }
  await recordStageChanges(db, viewer, moving, stage);
  await onDealsChanged(db, viewer.orgId, moving.map((d) => ({ id: d.id, stageId: stage.id, changes: [{ field: "stageId", old: d.stageId, new: stage.id }] })));
  outcome.changed = moving.length;
  return outcome;
}
