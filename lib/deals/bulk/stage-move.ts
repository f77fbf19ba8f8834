import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealContacts, stages } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { MessageKey } from "@/lib/i18n/translate";
import { amountsHidden, can, type Viewer } from "@/lib/permissions";
import { onDealsChanged } from "@/lib/automation/triggers/detect";
import { missingFields } from "../required/rule";
import { requiredAt } from "../required/service";
import { timeAfterLock } from "../locks";
import { assertMayEnter, lockDealRowsWithObservers } from "../service";
import { recordStageChanges } from "../stage-change";
import type { SetBasedOutcome } from "./field-change";


/**
 * Moves many deals into one stage of their pipeline in a few statements instead of a dozen per
 * deal, deciding each deal as the deal service does one by one: a deal the viewer may not read is
 * "not found", one of another pipeline or one they may not change is refused, the stage's
 * transition rule and required fields are checked per deal with the service's own messages.
 * Null when the stage does not exist (the caller then goes deal by deal, for their messages).
 */
export async function applyStageMove(db: Db, viewer: Viewer, stageId: number, ids: number[]): Promise<SetBasedOutcome | null> {
  const [stage] = await db
    .select({ id: stages.id, pipelineId: stages.pipelineId, semantics: stages.semantics, name: stages.name })
    .from(stages)
    .where(and(eq(stages.orgId, viewer.orgId), eq(stages.id, stageId)));
  if (!stage) return null;
  const outcome: SetBasedOutcome = { changed: 0, unchanged: 0, refused: [] };
  if (ids.length === 0) return outcome;
  const found = await lockDealRowsWithObservers(db, viewer.orgId, ids);
  const contacts = await db.select({ dealId: dealContacts.dealId, id: dealContacts.contactId }).from(dealContacts).where(inArray(dealContacts.dealId, ids));
  const contactIdsOf = (dealId: number) => contacts.filter((c) => c.dealId === dealId).map((c) => c.id);
  const required = await requiredAt(db, viewer.orgId, stage.id);
  const moving: Parameters<typeof recordStageChanges>[2] = [];
  for (const id of ids) {
    const row = found.get(id);
    const deal = row && { ...row, contactIds: contactIdsOf(id) };
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
