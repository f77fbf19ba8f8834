import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, deals, orgs, robots, type AutomationRunStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { enqueueJob, registerJobHandler, type Job } from "@/lib/jobs/queue";
import { lockDealRows } from "@/lib/deals/locks";
import { can, type Viewer } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { evaluateCondition } from "./conditions";
import { conditionSchema, robotConfigs, robotKinds, timingSchema, type RobotConfig, type RobotKind } from "./definitions";
import { withAutomationDepth } from "./depth";
import { executors, type Detail, type Executor } from "./executors";
import { STAGE_JOB } from "./outbox";
import { dealSnapshot } from "./snapshot";
import { dueAt } from "./timing";
import { getWorkingTime } from "./working-time";

export const RUN_JOB = "automation.run";

type RunRow = typeof automationRuns.$inferSelect;
type RobotRow = typeof robots.$inferSelect;
const open: AutomationRunStatus[] = ["waiting", "pending"];
const detailText = (detail: Detail) => JSON.stringify(detail);

async function finish(db: Db, runId: number, status: AutomationRunStatus, detail: Detail | null, now: Date): Promise<void> {
  await db
    .update(automationRuns)
    .set({ status, detail: detail ? detailText(detail) : null, finishedAt: now })
    .where(eq(automationRuns.id, runId));
}

async function orgOf(db: Db, orgId: number) {
  const [org] = await db.select({ timezone: orgs.timezone, locale: orgs.defaultLocale, baseCurrency: orgs.baseCurrency }).from(orgs).where(eq(orgs.id, orgId));
  return org!;
}

/**
 * Sets when a run is due, counted from `from`; a run due now is run at once, a later one gets a
 * job at its time. Returns whether it is still open afterwards (pending later).
 */
async function schedule(db: Db, run: RunRow, robot: RobotRow, from: Date): Promise<boolean> {
  const timing = timingSchema.parse(robot.timing);
  const org = await orgOf(db, run.orgId);
  const snapshot = timing.mode === "dateField" ? await dealSnapshot(db, run.orgId, run.dealId) : null;
  const dates = snapshot ? Object.fromEntries(Object.entries(snapshot).filter(([, v]) => typeof v === "string")) : {};
  const due = dueAt(timing, from, dates as Record<string, string>, await getWorkingTime(db, run.orgId), org.timezone);
  if ("skip" in due) {
    await finish(db, run.id, "skipped", { key: "automation.detail.dateFieldEmpty" }, from);
    return false;
  }
  await db.update(automationRuns).set({ status: "pending", dueAt: due.dueAt }).where(eq(automationRuns.id, run.id));
  if (due.dueAt.getTime() <= Date.now()) {
    // Run at once; if that fails unexpectedly the run gets a job of its own, retried with backoff.
    const ran = await executeRun(db, run.id).then(
      () => true,
      (error: unknown) => {
        console.error(`[automation] run ${run.id} failed; retrying it as a job`, error);
        return false;
      },
    );
    if (ran) return false;
  }
  await enqueueJob(db, { type: RUN_JOB, orgId: run.orgId, payload: { runId: run.id }, runAt: due.dueAt, dedupeKey: `automation-run:${run.id}` });
  return true;
}

/** The runs a deal's entry into a stage created, in the stage's robot order: scheduled, the immediate ones run. */
export async function startStageEntry(db: Db, dealId: number, stageId: number, now = new Date()): Promise<void> {
  const rows = await db
    .select({ run: automationRuns, robot: robots })
    .from(automationRuns)
    .leftJoin(robots, eq(robots.id, automationRuns.robotId))
    .where(and(eq(automationRuns.dealId, dealId), eq(automationRuns.stageId, stageId), eq(automationRuns.status, "pending"), sql`${automationRuns.dueAt} is null`))
    .orderBy(asc(robots.sort), asc(robots.id));
  let previousOpen = false;
  for (const { run, robot } of rows) {
    if (!robot) {
      await finish(db, run.id, "cancelled", { key: "automation.detail.robotDeleted" }, now);
      continue;
    }
    if (timingSchema.parse(robot.timing).afterPrevious && previousOpen) {
      await db.update(automationRuns).set({ status: "waiting" }).where(eq(automationRuns.id, run.id));
      continue;
    }
    previousOpen = await schedule(db, run, robot, now);
  }
}

/** Once a run is over: the next robot of the stage that waited for it is scheduled from now. */
async function startNextWaiting(db: Db, run: RunRow): Promise<void> {
  const rows = await db
    .select({ run: automationRuns, robot: robots })
    .from(automationRuns)
    .leftJoin(robots, eq(robots.id, automationRuns.robotId))
    .where(and(eq(automationRuns.dealId, run.dealId), eq(automationRuns.stageId, run.stageId), inArray(automationRuns.status, open)))
    .orderBy(asc(robots.sort), asc(robots.id));
  const first = rows[0];
  if (!first || first.run.status !== "waiting") return;
  if (!first.robot) {
    await finish(db, first.run.id, "cancelled", { key: "automation.detail.robotDeleted" }, new Date());
    return startNextWaiting(db, first.run);
  }
  await schedule(db, first.run, first.robot, new Date());
}

/** Why a run cannot go ahead now, before its condition is looked at; null when it can. */
function refusal(run: RunRow, robot: RobotRow | undefined, deal: { stageId: number } | undefined, author: Viewer | null, facts: Parameters<typeof can>[2] | null): Detail | null {
  if (!robot) return { key: "automation.detail.robotDeleted" };
  if (!deal) return { key: "automation.detail.robotDeleted" };
  if (deal.stageId !== run.stageId && !robot.keepOnLeave) return { key: "automation.detail.leftStage" };
  if (!author) return { key: "automation.detail.authorInactive" };
  if (!facts || !can(author, "READ", facts)) return { key: "automation.detail.authorCannotRead" };
  return null;
}

/**
 * Runs one due robot run, in one transaction with its log entry: the deal is locked first (the
 * order every deal write takes), then the run; a run already over, or held by another worker,
 * is left alone. The robot acts as its author, whose permissions are checked again now; what it
 * changes starts further robots one level deeper. A refusal (ActionError) is logged as failed
 * with its reason and undoes the robot's own writes; anything else fails the job, which retries.
 */
export async function executeRun(db: Db, runId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [peek] = await t.select({ dealId: automationRuns.dealId, orgId: automationRuns.orgId }).from(automationRuns).where(eq(automationRuns.id, runId));
    if (!peek) return;
    await lockDealRows(t, peek.orgId, [peek.dealId]);
    const [run] = await t.select().from(automationRuns).where(eq(automationRuns.id, runId)).for("update", { skipLocked: true });
    if (!run || run.status !== "pending") return;
    const now = new Date();
    const [robot] = run.robotId ? await t.select().from(robots).where(eq(robots.id, run.robotId)) : [];
    const [deal] = await t
      .select({ orgId: deals.orgId, stageId: deals.stageId, pipelineId: deals.pipelineId, assignedById: deals.assignedById, opened: deals.opened })
      .from(deals)
      .where(eq(deals.id, run.dealId));
    const author = robot ? await viewerFor(t, robot.authorId) : null;
    const stopped = refusal(run, robot, deal, author, deal ?? null);
    if (stopped) {
      await finish(t, run.id, stopped.key === "automation.detail.leftStage" || stopped.key === "automation.detail.robotDeleted" ? "cancelled" : "failed", stopped, now);
      await startNextWaiting(t, run);
      return;
    }
    const snapshot = (await dealSnapshot(t, run.orgId, run.dealId))!;
    const condition = robot!.condition ? conditionSchema.safeParse(robot!.condition) : null;
    const verdict = evaluateCondition(condition?.success ? condition.data : null, snapshot);
    if (!verdict.passed) {
      const { field, cmp, value = "" } = verdict.failed;
      await finish(t, run.id, "skipped", { key: "automation.detail.conditionFailed", vars: { field, cmp, value } }, now);
      await startNextWaiting(t, run);
      return;
    }
    await t.update(automationRuns).set({ status: "running", attempts: run.attempts + 1 }).where(eq(automationRuns.id, run.id));
    const kind = robot!.kind as RobotKind;
    let outcome: { status: AutomationRunStatus; detail: Detail };
    try {
      const execute = robotKinds.includes(kind) ? (executors[kind] as Executor<RobotKind> | undefined) : undefined;
      if (!execute) throw new ActionError("invalid", "automationRun.unknownKind");
      const config = robotConfigs[kind].parse(robot!.config) as RobotConfig<RobotKind>;
      const org = await orgOf(t, run.orgId);
      // A savepoint: a refused robot's partial writes are undone, its log entry is kept.
      const detail = await t.transaction((sp) =>
        withAutomationDepth(run.depth + 1, () =>
          execute(config, { db: sp as unknown as Db, author: author!, deal: snapshot, dealId: run.dealId, runId: run.id, robotId: robot!.id, now, org }),
        ),
      );
      outcome = { status: "ran", detail };
    } catch (error) {
      if (!(error instanceof ActionError) && !isConfigError(error)) throw error;
      outcome = { status: "failed", detail: error instanceof ActionError ? { key: error.messageKey, vars: error.vars } : { key: "automationRun.badConfig" } };
    }
    await finish(t, run.id, outcome.status, outcome.detail, new Date());
    await startNextWaiting(t, run);
  });
}

const isConfigError = (error: unknown) => error instanceof Error && error.name === "ZodError";

/** A failed run again, by someone who may configure the robot's pipeline (checked by the caller). */
export async function retryRun(db: Db, orgId: number, runId: number): Promise<boolean> {
  const [run] = await db
    .update(automationRuns)
    .set({ status: "pending", detail: null, finishedAt: null, dueAt: new Date() })
    .where(and(eq(automationRuns.orgId, orgId), eq(automationRuns.id, runId), eq(automationRuns.status, "failed")))
    .returning({ id: automationRuns.id });
  if (!run) return false;
  await enqueueJob(db, { type: RUN_JOB, orgId, payload: { runId }, dedupeKey: `automation-run:${runId}` });
  return true;
}

async function onRunJob(job: Job, db: Db): Promise<void> {
  const runId = Number(job.payload.runId);
  if (Number.isInteger(runId)) await executeRun(db, runId);
}

async function onStageJob(job: Job, db: Db): Promise<void> {
  const dealId = Number(job.payload.dealId);
  const stageId = Number(job.payload.stageId);
  if (Number.isInteger(dealId) && Number.isInteger(stageId)) await startStageEntry(db, dealId, stageId);
}

/** A run whose job gave up (its worker kept dying, or the database kept failing) is logged as failed. */
async function onRunGiveUp(job: Job, db: Db): Promise<void> {
  const runId = Number(job.payload.runId);
  if (!Number.isInteger(runId)) return;
  await db
    .update(automationRuns)
    .set({ status: "failed", detail: detailText({ key: "automation.detail.unexpected" }), finishedAt: new Date() })
    .where(and(eq(automationRuns.id, runId), inArray(automationRuns.status, ["pending", "running"])));
}

export function registerAutomationJobs(): void {
  registerJobHandler(STAGE_JOB, onStageJob);
  registerJobHandler(RUN_JOB, onRunJob, { onGiveUp: onRunGiveUp });
}
