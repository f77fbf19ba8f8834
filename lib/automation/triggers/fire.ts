import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, automationTriggers, dealObservers, deals, stages, type AutomationRunStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { lockDealRows } from "@/lib/deals/locks";
import { patchDeal } from "@/lib/deals/service";
import { registerJobHandler, type Job } from "@/lib/jobs/queue";
import { can } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { evaluateCondition } from "../conditions";
import { conditionSchema } from "../definitions";
import { MAX_DEPTH, withAutomationDepth } from "../depth";
import { dealSnapshot } from "../snapshot";
import { TRIGGER_JOB } from "./detect";

/** What the log says, as `{ key, vars }`: a full message key, rendered in the reader's language. */
export type TriggerDetail = { key: string; vars?: Record<string, string | number> };

type Trigger = typeof automationTriggers.$inferSelect;
type StageFacts = { id: number; name: string; sort: number; semantics: string };

/** Stage order within a pipeline, as the board shows it: by sort, then id. */
const before = (a: StageFacts, b: StageFacts) => a.sort < b.sort || (a.sort === b.sort && a.id < b.id);

/**
 * Moving a deal "back": to a stage before its current one, or out of a final stage (won or lost).
 * A trigger does so only when it allows moving back.
 */
export function isBackwards(current: StageFacts, target: StageFacts): boolean {
  return current.semantics !== "P" || before(target, current);
}

/**
 * One trigger firing on one deal, in one transaction with its log entry (automation_runs with
 * trigger_id): the deal is locked first (the order every deal write takes), then the trigger acts
 * as its author, whose permissions are checked again now, through the deal service (patchDeal:
 * the transition rule, UPDATE at the target stage, fields the stage requires, the history).
 * It moves only a deal of its pipeline, never one already in its stage, never backwards unless
 * allowed, and only when its condition holds; each outcome is logged. A refusal is logged as
 * failed with its reason; anything else fails the job, which retries (nothing was written).
 * `depth`: the automation depth of the event; the move counts one more, so loops stop.
 */
export async function fireTrigger(db: Db, triggerId: number, dealId: number, depth = 0): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [trigger] = await t.select().from(automationTriggers).where(eq(automationTriggers.id, triggerId));
    // Deleted or switched off since the event: it no longer fires.
    if (!trigger || !trigger.enabled) return;
    await lockDealRows(t, trigger.orgId, [dealId]);
    const [deal] = await t
      .select({ id: deals.id, orgId: deals.orgId, pipelineId: deals.pipelineId, stageId: deals.stageId, assignedById: deals.assignedById, opened: deals.opened })
      .from(deals)
      .where(and(eq(deals.orgId, trigger.orgId), eq(deals.id, dealId)));
    // Deleted since (a webhook's deal was checked against the trigger's org when it called).
    if (!deal) return;
    const log = (status: AutomationRunStatus, detail: TriggerDetail) => logFiring(t, trigger, dealId, depth, status, detail);
    if (depth > MAX_DEPTH) return log("skipped", { key: "triggers.detail.loop" });
    const author = await viewerFor(t, trigger.authorId);
    if (!author || author.orgId !== trigger.orgId) return log("failed", { key: "triggers.detail.authorInactive" });
    const observers = await t.select({ id: dealObservers.userId }).from(dealObservers).where(eq(dealObservers.dealId, dealId));
    if (!can(author, "READ", { ...deal, observerIds: observers.map((o) => o.id) })) return log("failed", { key: "triggers.detail.authorCannotRead" });
    if (deal.pipelineId !== trigger.pipelineId) return log("skipped", { key: "triggers.detail.otherPipeline" });
    const stageRows = await t
      .select({ id: stages.id, name: stages.name, sort: stages.sort, semantics: stages.semantics })
      .from(stages)
      .where(and(eq(stages.orgId, trigger.orgId), inArray(stages.id, [deal.stageId, trigger.stageId])));
    const current = stageRows.find((s) => s.id === deal.stageId)!;
    const target = stageRows.find((s) => s.id === trigger.stageId)!;
    const stageVars = { from: current.name, to: target.name };
    if (deal.stageId === trigger.stageId) return log("skipped", { key: "triggers.detail.alreadyInStage", vars: stageVars });
    if (!trigger.allowBackwards && isBackwards(current, target)) return log("skipped", { key: "triggers.detail.backwards", vars: stageVars });
    const condition = trigger.condition ? conditionSchema.safeParse(trigger.condition) : null;
    if (condition && !condition.success) return log("failed", { key: "triggers.detail.badCondition" });
    const verdict = evaluateCondition(condition?.data ?? null, (await dealSnapshot(t, trigger.orgId, dealId))!);
    if (!verdict.passed) {
      const { field, cmp, value = "" } = verdict.failed;
      return log("skipped", { key: "triggers.detail.conditionFailed", vars: { field, cmp, value } });
    }
    try {
      // A savepoint: a refused move leaves nothing behind but its log entry.
      await t.transaction((sp) => withAutomationDepth(depth + 1, () => patchDeal(sp as unknown as Db, author, dealId, { stageId: target.id })));
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      return log("failed", { key: error.messageKey, vars: error.vars });
    }
    return log("ran", { key: "triggers.detail.moved", vars: stageVars });
  });
}

async function logFiring(db: Db, trigger: Trigger, dealId: number, depth: number, status: AutomationRunStatus, detail: TriggerDetail): Promise<void> {
  const now = new Date();
  await db.insert(automationRuns).values({
    orgId: trigger.orgId,
    dealId,
    triggerId: trigger.id,
    name: trigger.name,
    kind: trigger.kind,
    stageId: trigger.stageId,
    status,
    depth,
    detail: JSON.stringify(detail),
    attempts: 1,
    createdAt: now,
    finishedAt: now,
  });
}

const payloadOf = (job: Job) => ({ triggerId: Number(job.payload.triggerId), dealId: Number(job.payload.dealId), depth: Number(job.payload.depth ?? 0) });

async function onTriggerJob(job: Job, db: Db): Promise<void> {
  const { triggerId, dealId, depth } = payloadOf(job);
  if (Number.isInteger(triggerId) && Number.isInteger(dealId)) await fireTrigger(db, triggerId, dealId, Number.isInteger(depth) ? depth : 0);
}

/** A firing whose job gave up (the database kept failing, its worker kept dying) is logged as failed. */
async function onTriggerGiveUp(job: Job, db: Db): Promise<void> {
  const { triggerId, dealId, depth } = payloadOf(job);
  if (!Number.isInteger(triggerId) || !Number.isInteger(dealId)) return;
  const [trigger] = await db.select().from(automationTriggers).where(eq(automationTriggers.id, triggerId));
  const [deal] = trigger ? await db.select({ id: deals.id }).from(deals).where(and(eq(deals.orgId, trigger.orgId), eq(deals.id, dealId))) : [];
  if (trigger && deal) await logFiring(db, trigger, dealId, Number.isInteger(depth) ? depth : 0, "failed", { key: "triggers.detail.unexpected" });
}

export function registerTriggerJobs(): void {
  registerJobHandler(TRIGGER_JOB, onTriggerJob, { onGiveUp: onTriggerGiveUp });
}
