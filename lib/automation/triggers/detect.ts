import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationTriggers, stages, type FieldChange } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { evaluateComparison, type DealSnapshot } from "../conditions";
import { automationDepth } from "../depth";
import { keyOfChange, triggerConfigs, type TriggerKind } from "./kinds";

/**
 * Where triggers notice their events. The deal service (every field change, from any path: form,
 * board, bulk, import, robots), the activity service (an activity completed), the web form, the
 * incoming webhook and the inbound e-mail call in here inside their own transaction; each
 * trigger that applies gets a job ("automation.trigger") in that transaction, and the move itself
 * happens in the job (lib/automation/triggers/fire.ts), so the caller waits on nothing slow and a
 * rolled-back change fires nothing.
 */

export const TRIGGER_JOB = "automation.trigger";

type TriggerRow = { id: number; kind: string; config: Record<string, unknown>; stageId: number; dealStageId: number };

/** Enabled triggers of these kinds in the pipelines of the given stages (where the deals are now). */
async function triggersAt(db: Db, orgId: number, kinds: readonly TriggerKind[], dealStageIds: number[]): Promise<TriggerRow[]> {
  if (dealStageIds.length === 0) return [];
  return db
    .select({ id: automationTriggers.id, kind: automationTriggers.kind, config: automationTriggers.config, stageId: automationTriggers.stageId, dealStageId: stages.id })
    .from(automationTriggers)
    .innerJoin(stages, and(eq(stages.orgId, automationTriggers.orgId), eq(stages.pipelineId, automationTriggers.pipelineId)))
    .where(and(eq(automationTriggers.orgId, orgId), inArray(automationTriggers.kind, [...kinds]), eq(automationTriggers.enabled, true), inArray(stages.id, [...new Set(dealStageIds)])))
    .orderBy(automationTriggers.sort, automationTriggers.id);
}

/**
 * One job per trigger and deal, in the caller's transaction. While one is queued or running for
 * the same trigger and deal, another is not added: firing twice moves nothing more. The depth of
 * the code running now (a robot's change counts) travels along, so loops stop.
 */
export async function enqueueFirings(db: Db, orgId: number, firings: { triggerId: number; dealId: number }[]): Promise<void> {
  const depth = automationDepth();
  for (const { triggerId, dealId } of firings) {
    await enqueueJob(db, { type: TRIGGER_JOB, orgId, payload: { triggerId, dealId, depth }, dedupeKey: `trigger:${triggerId}:${dealId}` });
  }
}

/** A change's new value as a condition compares it (a money value by its amount). */
function comparable(value: unknown): DealSnapshot[string] {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => (typeof item === "number" ? item : String(comparable(item) ?? "")));
  if (typeof value === "object") return "amount" in value ? String((value as { amount: unknown }).amount) : JSON.stringify(value);
  return value as string | number | boolean;
}

/** Does a change of the deal set off this trigger? */
export function changeFires(kind: string, config: unknown, changes: readonly FieldChange[]): boolean {
  if (kind === "responsibleChanged") return changes.some((c) => c.field === "assignedById");
  if (kind !== "fieldChanged") return false;
  const parsed = triggerConfigs.fieldChanged.safeParse(config);
  if (!parsed.success) return false;
  const change = changes.find((c) => keyOfChange(c.field) === parsed.data.field);
  if (!change) return false;
  const wanted = parsed.data.value?.trim();
  if (!wanted) return true;
  return evaluateComparison({ field: "value", cmp: "eq", value: wanted }, { value: comparable(change.new) });
}

/** Triggers that would move the deal somewhere else: one already in the target stage is left alone. */
const elsewhere = (trigger: TriggerRow, deal: { stageId: number }) => trigger.dealStageId === deal.stageId && trigger.stageId !== deal.stageId;

/** The deal service's hook: deals whose fields changed (`stageId`: where each is now). */
export async function onDealsChanged(db: Db, orgId: number, changed: { id: number; stageId: number; changes: readonly FieldChange[] }[]): Promise<void> {
  const triggers = await triggersAt(db, orgId, ["fieldChanged", "responsibleChanged"], changed.map((d) => d.stageId));
  const firings = changed.flatMap((deal) => triggers.filter((t) => elsewhere(t, deal) && changeFires(t.kind, t.config, deal.changes)).map((t) => ({ triggerId: t.id, dealId: deal.id })));
  await enqueueFirings(db, orgId, firings);
}

/** The activity service's hook: an activity of the deal was completed. */
export async function onActivityCompleted(db: Db, orgId: number, deal: { id: number; stageId: number }, activityType: string): Promise<void> {
  const triggers = await triggersAt(db, orgId, ["activityCompleted"], [deal.stageId]);
  const fires = (config: unknown) => {
    const parsed = triggerConfigs.activityCompleted.safeParse(config);
    return parsed.success && (!parsed.data.activityType || parsed.data.activityType === activityType);
  };
  await enqueueFirings(db, orgId, triggers.filter((t) => elsewhere(t, deal) && fires(t.config)).map((t) => ({ triggerId: t.id, dealId: deal.id })));
}

/** A web form created the deal. */
export async function onWebFormSubmitted(db: Db, orgId: number, deal: { id: number; stageId: number }, formId: number): Promise<void> {
  const triggers = await triggersAt(db, orgId, ["webForm"], [deal.stageId]);
  const fires = (config: unknown) => {
    const parsed = triggerConfigs.webForm.safeParse(config);
    return parsed.success && (!parsed.data.formId || parsed.data.formId === formId);
  };
  await enqueueFirings(db, orgId, triggers.filter((t) => elsewhere(t, deal) && fires(t.config)).map((t) => ({ triggerId: t.id, dealId: deal.id })));
}

/** An e-mail from the deal's client arrived. */
export async function onEmailReceived(db: Db, orgId: number, deal: { id: number; stageId: number }): Promise<void> {
  const triggers = await triggersAt(db, orgId, ["emailReceived"], [deal.stageId]);
  await enqueueFirings(db, orgId, triggers.filter((t) => elsewhere(t, deal)).map((t) => ({ triggerId: t.id, dealId: deal.id })));
}

/** An invoice of the deal was paid in full, or a quote of it approved (by the client through its link, or by hand). */
export async function onDocumentEvent(db: Db, orgId: number, deal: { id: number; stageId: number }, kind: "invoicePaid" | "quoteApproved"): Promise<void> {
  const triggers = await triggersAt(db, orgId, [kind], [deal.stageId]);
  await enqueueFirings(db, orgId, triggers.filter((t) => elsewhere(t, deal)).map((t) => ({ triggerId: t.id, dealId: deal.id })));
}
