import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, orgs, robots, type AutomationRunStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { absorbQueuedJobs, enqueueJob, registerJobHandler, type Job } from "@/lib/jobs/queue";
import { lockDealRows } from "@/lib/deals/locks";
import { can, type Viewer } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { evaluateCondition, type DealSnapshot } from "./conditions";
import { conditionSchema, robotConfigs, robotKinds, timingSchema, type RobotConfig, type RobotKind } from "./definitions";
import { withAutomationDepth } from "./depth";
import { batchExecutors, executors, type BatchExecutor, type Detail, type Executor, type RobotRun } from "./executors";
import { STAGE_JOB } from "./outbox";
import { dealSnapshots } from "./snapshot";
import { dueAt, isImmediate, type WorkingTime } from "./timing";
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

/** A run's end as the deal's transaction will write it; `tried`: it was executed (an attempt). */
type Finished = { id: number; status: AutomationRunStatus; detail: Detail | null; tried: boolean };

/** The deal's finished runs in one statement, at the end of its transaction. */
async function writeFinished(db: Db, finished: Finished[], now = new Date()): Promise<void> {
  if (finished.length === 0) return;
  const rows = finished.map((f) => sql`(${f.id}::int, ${f.status}::text, ${f.detail ? detailText(f.detail) : null}::text, ${f.tried}::boolean)`);
  await db.execute(sql`
    update automation_runs r set status = v.status, detail = v.detail, finished_at = ${now},
      attempts = r.attempts + case when v.tried then 1 else 0 end,
      due_at = case when v.tried then coalesce(r.due_at, ${now}) else r.due_at end
    from (values ${sql.join(rows, sql`, `)}) as v(id, status, detail, tried)
    where r.id = v.id`);
}

/** The deals' open runs of one stage with their robots, per deal in the stage's robot order. */
async function openRuns(db: Db, dealIds: number[], stageId: number) {
  return db
    .select({ run: automationRuns, robot: robots })
    .from(automationRuns)
    .leftJoin(robots, eq(robots.id, automationRuns.robotId))
    .where(and(inArray(automationRuns.dealId, dealIds), eq(automationRuns.stageId, stageId), inArray(automationRuns.status, open)))
    .orderBy(asc(automationRuns.dealId), asc(robots.sort), asc(robots.id), asc(automationRuns.id));
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

type Outcome = { status: AutomationRunStatus; detail: Detail; changed: boolean };
/** A run the engine goes ahead with now, and the deal as it is. */
type Due = { run: RunRow; robot: RobotRow; deal: DealSnapshot | null };

/** Why a run does not act (refused, or its condition is not met); null when it acts. */
function stoppedBefore(due: Due, author: Viewer | null): Outcome | null {
  const stopped = refusal(due.run, due.robot, due.deal, author);
  if (stopped) return { ...stopped, changed: false };
  const condition = due.robot.condition ? conditionSchema.safeParse(due.robot.condition) : null;
  const verdict = evaluateCondition(condition?.success ? condition.data : null, due.deal!);
  if (verdict.passed) return null;
  const { field, cmp, value = "" } = verdict.failed;
  return { status: "skipped", detail: { key: "automation.detail.conditionFailed", vars: { field, cmp, value } }, changed: false };
}

/**
 * Runs one robot on deals whose rows this transaction has locked (the same robot and depth): its
 * author's permissions are checked again, then its condition, deal by deal; the robot acts as its
 * author, in a savepoint, so a refusal (ActionError) undoes its own writes and is logged as failed
 * with the reason. A kind that can do many deals in one go does; if that is refused, each deal
 * goes again on its own, so the log names the one that failed. What it changes starts further
 * robots one level deeper. Anything unexpected propagates: the job retries.
 */
async function perform(db: Db, context: JobContext, group: Due[]): Promise<Outcome[]> {
  const { robot, run: first } = group[0]!;
  const author = await context.author(db, robot.authorId);
  const outcomes: (Outcome | null)[] = group.map((due) => stoppedBefore(due, author));
  const acting = group.map((_, i) => i).filter((i) => outcomes[i] === null);
  const kind = robot.kind as RobotKind;
  const execute = robotKinds.includes(kind) ? (executors[kind] as Executor<RobotKind> | undefined) : undefined;
  const config = execute ? robotConfigs[kind].safeParse(robot.config) : null;
  const fail = (key: string): Outcome => ({ status: "failed", detail: { key }, changed: false });
  if (!execute || !config?.success) {
    for (const i of acting) outcomes[i] = fail(execute ? "automationRun.badConfig" : "automationRun.unknownKind");
    return outcomes as Outcome[];
  }
  const { org } = await context.org(db, first.orgId);
  const now = new Date();
  const runOf = (sp: Db, { run, deal }: Due): RobotRun => ({ db: sp, author: author!, deal: deal!, dealId: run.dealId, runId: run.id, robotId: robot.id, now, org });
  const changed = changesDeal.has(kind);
  const inSavepoint = <T>(work: (sp: Db) => Promise<T>) => db.transaction((sp) => withAutomationDepth(first.depth + 1, () => work(sp as unknown as Db)));
  const batch = batchExecutors[kind] as BatchExecutor<RobotKind> | undefined;
  if (batch && acting.length > 1) {
    try {
      const details = await inSavepoint((sp) => batch(config.data as RobotConfig<RobotKind>, acting.map((i) => runOf(sp, group[i]!))));
      acting.forEach((i, n) => (outcomes[i] = { status: "ran", detail: details[n]!, changed }));
      return outcomes as Outcome[];
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
    }
  }
  for (const i of acting) {
    try {
      const detail = await inSavepoint((sp) => execute(config.data as RobotConfig<RobotKind>, runOf(sp, group[i]!)));
      outcomes[i] = { status: "ran", detail, changed };
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      outcomes[i] = { status: "failed", detail: { key: error.messageKey, vars: error.vars }, changed: false };
    }
  }
  return outcomes as Outcome[];
}

/** One deal's place in its queue of open runs while the engine goes through it. */
type DealQueue = { dealId: number; runs: { run: RunRow; robot: RobotRow | null }[]; previousOpen: boolean };

/**
 * Whether the next run of a deal goes ahead now. New runs (due time not set yet) are scheduled —
 * those due now go ahead, later ones get a job at their time, those after a previous robot that
 * is still to come wait —, `dueRunId` (a timed run whose job fired) goes ahead, and a waiting run
 * whose previous robot is over is scheduled from now. What does not go ahead is recorded here.
 */
async function goesAhead(db: Db, context: JobContext, orgId: number, queue: DealQueue, run: RunRow, robot: RobotRow | null, deal: () => Promise<DealSnapshot | null>, dueRunId: number | null, finished: Finished[]): Promise<boolean> {
  // Statuses as read under the deal's lock. The job of a timed run fires at its time (by the
  // database's clock, which may differ from this server's a little): it runs then.
  const due = run.id === dueRunId && run.status === "pending" && run.dueAt !== null;
  const fresh = run.status === "pending" && run.dueAt === null;
  const released = run.status === "waiting" && !queue.previousOpen;
  if (!due && !fresh && !released) {
    queue.previousOpen = true;
    return false;
  }
  if (!robot) {
    finished.push({ id: run.id, status: "cancelled", detail: { key: "automation.detail.robotDeleted" }, tried: false });
    return false;
  }
  if (due) return true;
  const timing = timingSchema.safeParse(robot.timing);
  if (timing.success && timing.data.afterPrevious && queue.previousOpen) {
    if (run.status !== "waiting") await db.update(automationRuns).set({ status: "waiting" }).where(eq(automationRuns.id, run.id));
    return false;
  }
  if (!timing.success || isImmediate(timing.data)) return true;
  const { org, work } = await context.org(db, orgId);
  const dates = Object.fromEntries(Object.entries((await deal()) ?? {}).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const when = dueAt(timing.data, new Date(), dates, work, org.timezone);
  if ("skip" in when) {
    finished.push({ id: run.id, status: "skipped", detail: { key: "automation.detail.dateFieldEmpty" }, tried: false });
    return false;
  }
  if (when.dueAt.getTime() <= Date.now()) return true;
  await db.update(automationRuns).set({ status: "pending", dueAt: when.dueAt }).where(eq(automationRuns.id, run.id));
  await enqueueJob(db, { type: RUN_JOB, orgId, payload: { runId: run.id }, runAt: when.dueAt, dedupeKey: `automation-run:${run.id}` });
  queue.previousOpen = true;
  return false;
}

/**
 * The runs of some deals in one stage that can go ahead now, each deal's in its robots' order, in
 * one transaction under the deals' locks. The deals go in step — every deal's first run, then every
 * deal's second… — so one robot acts on all of them at once where its kind can. A deal a robot
 * changed is read again before its next run looks at it. Finished runs are written at the end.
 */
async function advanceDeals(db: Db, context: JobContext, orgId: number, dealIds: number[], stageId: number, dueRunId: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await lockDealRows(t, orgId, dealIds);
    const queues = new Map<number, DealQueue>(dealIds.map((dealId) => [dealId, { dealId, runs: [], previousOpen: false }]));
    for (const row of await openRuns(t, dealIds, stageId)) queues.get(row.run.dealId)?.runs.push(row);
    const snapshots = new Map<number, DealSnapshot | null>();
    const stale = new Set<number>(dealIds.filter((id) => queues.get(id)!.runs.length > 0));
    const readStale = async () => {
      if (stale.size === 0) return;
      const read = await dealSnapshots(t, orgId, [...stale]);
      for (const id of stale) snapshots.set(id, read.get(id) ?? null);
      stale.clear();
    };
    const finished: Finished[] = [];
    for (;;) {
      const ahead: Due[] = [];
      let pending = false;
      for (const queue of queues.values()) {
        const next = queue.runs.shift();
        if (!next) continue;
        pending = true;
        const deal = async () => (await readStale(), snapshots.get(queue.dealId) ?? null);
        if (await goesAhead(t, context, orgId, queue, next.run, next.robot, deal, dueRunId, finished)) ahead.push({ run: next.run, robot: next.robot!, deal: null });
      }
      if (!pending) break;
      await readStale();
      const groups = new Map<string, Due[]>();
      for (const due of ahead) {
        due.deal = snapshots.get(due.run.dealId) ?? null;
        const key = `${due.robot.id}:${due.run.depth}`;
        groups.set(key, [...(groups.get(key) ?? []), due]);
      }
      for (const group of groups.values()) {
        const outcomes = await perform(t, context, group);
        outcomes.forEach((outcome, i) => {
          finished.push({ id: group[i]!.run.id, status: outcome.status, detail: outcome.detail, tried: true });
          if (outcome.changed) stale.add(group[i]!.run.dealId);
        });
      }
    }
    // Nobody saw these runs "running" in between: they are written once, with the transaction.
    await writeFinished(t, finished);
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

/** A worker takes this many deals' stage entries into one transaction (its own job's and queued ones'). */
const DEALS_PER_TURN = 50;

/**
 * Deals that entered a stage (payload: stageId, dealIds — a chunk of a bulk move, or one deal).
 * A bulk move through the deal service writes a job per deal: the queued jobs of the same stage
 * are taken over and done in the same transaction, so one robot acts on all their deals at once.
 */
async function onStageJob(job: Job, db: Db): Promise<void> {
  const stageId = Number(job.payload.stageId);
  const orgId = job.orgId;
  if (!Number.isInteger(stageId) || orgId === null) return;
  const own = ids(job.payload.dealIds ?? job.payload.dealId);
  try {
    await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      // Only one-deal jobs: what is taken over is done whole, and the turn stays bounded.
      const oneDeal = sql`payload->>'stageId' = ${String(stageId)} and case when jsonb_typeof(payload->'dealIds') = 'array' then jsonb_array_length(payload->'dealIds') end = 1`;
      const absorbed = await absorbQueuedJobs(t, job.id, STAGE_JOB, orgId, oneDeal, DEALS_PER_TURN - own.length);
      const dealIds = [...new Set([...own, ...absorbed.flatMap((other) => ids(other.payload.dealIds))])];
      await advanceDeals(t, new JobContext(), orgId, dealIds, stageId, null);
    });
  } catch (error) {
    // One deal that keeps failing must not hold the others back: each of this job's goes on its own.
    if (own.length === 1) throw error;
    for (const dealId of own) await advanceDeals(db, new JobContext(), orgId, [dealId], stageId, null);
  }
}

/** A timed run's moment (or a retry). */
async function onRunJob(job: Job, db: Db): Promise<void> {
  const runId = Number(job.payload.runId);
  if (!Number.isInteger(runId)) return;
  const [run] = await db.select({ orgId: automationRuns.orgId, dealId: automationRuns.dealId, stageId: automationRuns.stageId }).from(automationRuns).where(eq(automationRuns.id, runId));
  if (run) await advanceDeals(db, new JobContext(), run.orgId, [run.dealId], run.stageId, runId);
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
