import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, orgs, robots, type AutomationRunStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { enqueueJob, registerJobHandler, type Job } from "@/lib/jobs/queue";
import { lockDealRows } from "@/lib/deals/locks";
import { can, type Viewer } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { evaluateCondition, type DealSnapshot } from "./conditions";
import { conditionSchema, robotConfigs, robotKinds, timingSchema, type RobotConfig, type RobotKind } from "./definitions";
import { withAutomationDepth } from "./depth";
import { executors, type Detail, type Executor } from "./executors";
import { STAGE_JOB } from "./outbox";
import { dealSnapshot } from "./snapshot";
import { dueAt, type WorkingTime } from "./timing";
import { getWorkingTime } from "./working-time";

export const RUN_JOB = "automation.run";

type RunRow = typeof automationRuns.$inferSelect;
type RobotRow = typeof robots.$inferSelect;
type Org = { timezone: string; locale: string; baseCurrency: string };
const open: AutomationRunStatus[] = ["waiting", "pending", "running"];
const detailText = (detail: Detail) => JSON.stringify(detail);
/** Robots that change the deal: the snapshot is read again after one of them ran. */
const changesDeal = new Set<RobotKind>(["setStage", "setPipeline", "setResponsible", "setFields"]);

/**
 * What one job looks up once for all the runs it handles: the org, its working time, and each
 * author as a viewer (their permissions as of this job; a job lasts a fraction of a second).
 * Read through the caller's transaction: embedded PGlite has one connection, which it holds.
 */
class JobContext {
  private orgs = new Map<number, Promise<{ org: Org; work: WorkingTime }>>();
  private authors = new Map<number, Promise<Viewer | null>>();
  org(db: Db, orgId: number) {
    let found = this.orgs.get(orgId);
    if (!found) {
      found = (async () => {
        const [org] = await db.select({ timezone: orgs.timezone, locale: orgs.defaultLocale, baseCurrency: orgs.baseCurrency }).from(orgs).where(eq(orgs.id, orgId));
        return { org: org!, work: await getWorkingTime(db, orgId) };
      })();
      this.orgs.set(orgId, found);
    }
    return found;
  }
  author(db: Db, userId: number) {
    let found = this.authors.get(userId);
    if (!found) this.authors.set(userId, (found = viewerFor(db, userId)));
    return found;
  }
}

async function finish(db: Db, runId: number, status: AutomationRunStatus, detail: Detail | null, now = new Date()): Promise<void> {
  await db
    .update(automationRuns)
    .set({ status, detail: detail ? detailText(detail) : null, finishedAt: now })
    .where(eq(automationRuns.id, runId));
}

/** A deal's open runs of one stage with their robots, in the stage's robot order. */
async function openRuns(db: Db, dealId: number, stageId: number) {
  return db
    .select({ run: automationRuns, robot: robots })
    .from(automationRuns)
    .leftJoin(robots, eq(robots.id, automationRuns.robotId))
    .where(and(eq(automationRuns.dealId, dealId), eq(automationRuns.stageId, stageId), inArray(automationRuns.status, open)))
    .orderBy(asc(robots.sort), asc(robots.id), asc(automationRuns.id));
}

/** Why a run cannot go ahead now, before its condition is looked at; null when it can. */
function refusal(run: RunRow, robot: RobotRow | null, deal: DealSnapshot | null, author: Viewer | null): { status: AutomationRunStatus; detail: Detail } | null {
  if (!robot || !deal) return { status: "cancelled", detail: { key: "automation.detail.robotDeleted" } };
  if (deal.stageId !== run.stageId && !robot.keepOnLeave) return { status: "cancelled", detail: { key: "automation.detail.leftStage" } };
  if (!author) return { status: "failed", detail: { key: "automation.detail.authorInactive" } };
  const facts = { orgId: run.orgId, pipelineId: Number(deal.pipelineId), stageId: Number(deal.stageId), assignedById: Number(deal.assignedById), opened: Boolean(deal.opened) };
  if (!can(author, "READ", facts)) return { status: "failed", detail: { key: "automation.detail.authorCannotRead" } };
  return null;
}

/**
 * Runs one robot on a deal whose row this transaction has locked: its author's permissions are
 * checked again, then its condition; the robot acts as its author, in a savepoint, so a refusal
 * (ActionError) undoes its own writes and is logged as failed with the reason. What it changes
 * starts further robots one level deeper. Anything unexpected propagates: the job retries.
 */
async function perform(db: Db, context: JobContext, run: RunRow, robot: RobotRow | null, deal: DealSnapshot | null): Promise<{ status: AutomationRunStatus; changed: boolean }> {
  const author = robot ? await context.author(db, robot.authorId) : null;
  const stopped = refusal(run, robot, deal, author);
  if (stopped) {
    await finish(db, run.id, stopped.status, stopped.detail);
    return { status: stopped.status, changed: false };
  }
  const condition = robot!.condition ? conditionSchema.safeParse(robot!.condition) : null;
  const verdict = evaluateCondition(condition?.success ? condition.data : null, deal!);
  if (!verdict.passed) {
    const { field, cmp, value = "" } = verdict.failed;
    await finish(db, run.id, "skipped", { key: "automation.detail.conditionFailed", vars: { field, cmp, value } });
    return { status: "skipped", changed: false };
  }
  const kind = robot!.kind as RobotKind;
  const execute = robotKinds.includes(kind) ? (executors[kind] as Executor<RobotKind> | undefined) : undefined;
  const config = execute ? robotConfigs[kind].safeParse(robot!.config) : null;
  let outcome: { status: AutomationRunStatus; detail: Detail };
  if (!execute) outcome = { status: "failed", detail: { key: "automationRun.unknownKind" } };
  else if (!config?.success) outcome = { status: "failed", detail: { key: "automationRun.badConfig" } };
  else {
    const { org } = await context.org(db, run.orgId);
    const now = new Date();
    try {
      const detail = await db.transaction((savepoint) =>
        withAutomationDepth(run.depth + 1, () =>
          execute(config.data as RobotConfig<RobotKind>, { db: savepoint as unknown as Db, author: author!, deal: deal!, dealId: run.dealId, runId: run.id, robotId: robot!.id, now, org }),
        ),
      );
      outcome = { status: "ran", detail };
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      outcome = { status: "failed", detail: { key: error.messageKey, vars: error.vars } };
    }
  }
  await finish(db, run.id, outcome.status, outcome.detail);
  return { status: outcome.status, changed: outcome.status === "ran" && changesDeal.has(kind) };
}

/**
 * The runs of one deal in one stage that can go ahead now, in the robots' order, in one
 * transaction under the deal's lock: new runs (due time not set yet) are scheduled — those due now
 * run at once, later ones get a job at their time, those after a previous robot that is still to
 * come wait —, `dueRunId` (a timed run whose job fired) runs, and a waiting run whose previous
 * robot is over is scheduled from now.
 */
async function advanceDeal(db: Db, context: JobContext, orgId: number, dealId: number, stageId: number, dueRunId: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await lockDealRows(t, orgId, [dealId]);
    let deal = await dealSnapshot(t, orgId, dealId);
    let previousOpen = false;
    for (const { run, robot } of await openRuns(t, dealId, stageId)) {
      // Statuses as read under the deal's lock. The job of a timed run fires at its time (by the
      // database's clock, which may differ from this server's a little): it runs then.
      const due = run.id === dueRunId && run.status === "pending" && run.dueAt !== null;
      const fresh = run.status === "pending" && run.dueAt === null;
      const released = run.status === "waiting" && !previousOpen;
      if (!due && !fresh && !released) {
        previousOpen = true;
        continue;
      }
      if (!robot) {
        await finish(t, run.id, "cancelled", { key: "automation.detail.robotDeleted" });
        continue;
      }
      const timing = timingSchema.safeParse(robot.timing);
      if (!due) {
        if (timing.success && timing.data.afterPrevious && previousOpen) {
          if (run.status !== "waiting") await t.update(automationRuns).set({ status: "waiting" }).where(eq(automationRuns.id, run.id));
          continue;
        }
        const { org, work } = await context.org(t, orgId);
        const dates = Object.fromEntries(Object.entries(deal ?? {}).filter(([, v]) => typeof v === "string")) as Record<string, string>;
        const when = timing.success ? dueAt(timing.data, new Date(), dates, work, org.timezone) : { dueAt: new Date() };
        if ("skip" in when) {
          await finish(t, run.id, "skipped", { key: "automation.detail.dateFieldEmpty" });
          continue;
        }
        if (when.dueAt.getTime() > Date.now()) {
          await t.update(automationRuns).set({ status: "pending", dueAt: when.dueAt }).where(eq(automationRuns.id, run.id));
          await enqueueJob(t, { type: RUN_JOB, orgId, payload: { runId: run.id }, runAt: when.dueAt, dedupeKey: `automation-run:${run.id}` });
          previousOpen = true;
          continue;
        }
      }
      await t.update(automationRuns).set({ status: "running", dueAt: run.dueAt ?? new Date(), attempts: run.attempts + 1 }).where(eq(automationRuns.id, run.id));
      const { changed } = await perform(t, context, run, robot, deal);
      if (changed) deal = await dealSnapshot(t, orgId, dealId);
    }
  });
}

/** A failed run again (the caller checked the viewer may configure the robot's pipeline). */
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

const ids = (value: unknown): number[] => (Array.isArray(value) ? value : [value]).map(Number).filter(Number.isInteger);

/** Deals that entered a stage (payload: stageId, dealIds — a chunk of a bulk move, or one deal). */
async function onStageJob(job: Job, db: Db): Promise<void> {
  const stageId = Number(job.payload.stageId);
  const orgId = job.orgId;
  if (!Number.isInteger(stageId) || orgId === null) return;
  const context = new JobContext();
  for (const dealId of ids(job.payload.dealIds ?? job.payload.dealId)) await advanceDeal(db, context, orgId, dealId, stageId, null);
}

/** A timed run's moment (or a retry). */
async function onRunJob(job: Job, db: Db): Promise<void> {
  const runId = Number(job.payload.runId);
  if (!Number.isInteger(runId)) return;
  const [run] = await db.select({ orgId: automationRuns.orgId, dealId: automationRuns.dealId, stageId: automationRuns.stageId }).from(automationRuns).where(eq(automationRuns.id, runId));
  if (run) await advanceDeal(db, new JobContext(), run.orgId, run.dealId, run.stageId, runId);
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
