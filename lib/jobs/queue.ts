import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { jobs } from "@/db/schema";
import { retryDelayMs } from "./backoff";

export type Job = typeof jobs.$inferSelect;
/** Handlers must be idempotent: a job whose worker died mid-way runs again. */
export type JobHandler = (job: Job, db: Db) => Promise<unknown>;
/**
 * Called once a job is given up for good: it failed on its last attempt, or its worker died
 * during it. Whatever waits on the job (a progress page) is told it is over.
 */
export type GiveUpHandler = (job: Job, db: Db) => Promise<void>;

const handlers = new Map<string, { run: JobHandler; onGiveUp?: GiveUpHandler }>();

export function registerJobHandler(type: string, handler: JobHandler, options: { onGiveUp?: GiveUpHandler } = {}): void {
  handlers.set(type, { run: handler, onGiveUp: options.onGiveUp });
}

/**
 * How long a claimed job stays locked without a heartbeat. The running worker renews it several
 * times per period, so only a worker that died (or lost the database) lets it expire; any other
 * worker then takes the job over within about this long.
 */
export const LOCK_SECONDS = 30;
const BEATS_PER_LOCK = 6;

/**
 * Jobs this process is running now. Their locks are this process's to renew, so it never takes
 * them over itself, whatever the lock says: on PGlite a long transaction holds the one connection
 * and the heartbeat waits behind it, so the lock may look expired while the job is alive.
 */
const runningHere = new Set<number>();

export type EnqueueOptions = {
  type: string;
  payload?: Record<string, unknown>;
  orgId?: number | null;
  runAt?: Date;
  maxAttempts?: number;
  /** While a job with this key is queued or running, enqueueing another is a no-op. */
  dedupeKey?: string;
};

/** Adds a job; returns its id, or null when an identical pending job (same dedupe key) exists. */
export async function enqueueJob(db: Db, options: EnqueueOptions): Promise<number | null> {
  return (await enqueueJobs(db, [options]))[0] ?? null;
}

/** Many jobs in one statement (those whose dedupe key is taken are left out); returns the new ids. */
export async function enqueueJobs(db: Db, many: readonly EnqueueOptions[]): Promise<number[]> {
  if (many.length === 0) return [];
  const rows = await db
    .insert(jobs)
    .values(
      many.map((options) => ({
        type: options.type,
        payload: options.payload ?? {},
        orgId: options.orgId ?? null,
        runAt: options.runAt ?? new Date(),
        maxAttempts: options.maxAttempts ?? 5,
        dedupeKey: options.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: jobs.id, runAt: jobs.runAt });
  // Workers listening on this channel start at once when the job is committed (and it is due).
  if (rows.some((row) => row.runAt.getTime() <= Date.now())) await notifyWorkers(db);
  return rows.map((row) => row.id);
}

/** Wakes the workers listening for jobs; delivered when the caller's transaction commits. */
export async function notifyWorkers(db: Db): Promise<void> {
  await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, '')`);
}

export const JOBS_CHANNEL = "crm_jobs";

/**
 * Claims up to `limit` due jobs for this worker. SKIP LOCKED lets many workers (processes,
 * machines) poll the same table without waiting on each other or taking the same job.
 */
export async function claimJobs(db: Db, workerId: string, limit = 5, lockSeconds = LOCK_SECONDS): Promise<Job[]> {
  const claimedIds = await queryRows<{ id: number }>(db, sql`
    update ${jobs} set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${lockSeconds})
    where id in (
      select id from ${jobs} where status = 'queued' and run_at <= now()
      order by run_at, id limit ${limit} for update skip locked
    )
    returning id`);
  const ids = claimedIds.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const claimed = await db.select().from(jobs).where(inArray(jobs.id, ids));
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

/**
 * Takes over up to `limit` queued, due jobs of this type and org that `matching` (a condition on
 * the payload) admits, for a handler that does their work together with its own in the caller's transaction: they are
 * marked done (by `byJobId`) in that transaction, so they come back to the queue if it rolls back.
 */
export async function absorbQueuedJobs(db: Db, byJobId: number, type: string, orgId: number, matching: SQL, limit: number): Promise<Job[]> {
  if (limit <= 0) return [];
  return queryRows<Job>(db, sql`
    update ${jobs} set status = 'done', finished_at = now(), result = jsonb_build_object('doneBy', ${byJobId}::int)
    where id in (
      select id from ${jobs} where status = 'queued' and run_at <= now() and type = ${type} and org_id = ${orgId} and (${matching})
      order by run_at, id limit ${limit} for update skip locked
    )
    returning id, payload`);
}

/** Jobs whose worker vanished (lock expired) go back to the queue, or fail when out of attempts. */
export async function recoverExpiredJobs(db: Db): Promise<number> {
  const alive = [...runningHere];
  const recovered = await queryRows<{ id: number; status: string }>(db, sql`
    update ${jobs} set
      status = case when attempts >= max_attempts then 'failed' else 'queued' end,
      last_error = 'worker stopped before finishing',
      finished_at = case when attempts >= max_attempts then now() else null end,
      locked_by = null, locked_until = null
    where status = 'running' and locked_until < now()
      ${alive.length ? sql`and id not in (${sql.join(alive.map((id) => sql`${id}`), sql`, `)})` : sql``}
    returning id, status`);
  const failed = recovered.filter((r) => r.status === "failed").map((r) => Number(r.id));
  if (failed.length) for (const job of await db.select().from(jobs).where(inArray(jobs.id, failed))) await giveUp(db, job);
  return recovered.length;
}

async function giveUp(db: Db, job: Job): Promise<void> {
  try {
    await handlers.get(job.type)?.onGiveUp?.(job, db);
  } catch (error) {
    console.error(`[jobs] ${job.type}#${job.id}: could not record that it was given up`, error);
  }
}

export async function completeJob(db: Db, job: Job, workerId: string, result: unknown): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done", result: result ?? null, finishedAt: new Date(), lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}

/** Records a failed attempt; true when that was the job's last (and this worker still held it). */
export async function failJob(db: Db, job: Job, workerId: string, error: unknown, now = new Date()): Promise<boolean> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  const updated = await db
    .update(jobs)
    .set({
      status: final ? "failed" : "queued",
      lastError: message.slice(0, 2000),
      runAt: final ? job.runAt : new Date(now.getTime() + retryDelayMs(job.attempts)),
      finishedAt: final ? now : null,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)))
    .returning({ id: jobs.id });
  return final && updated.length > 0;
}

/**
 * Keeps a running job's lock fresh through the pool (never through the handler's transaction),
 * one beat at a time: on PGlite a beat waits while the handler's transaction holds the one
 * connection, and beats must not pile up behind it.
 */
function heartbeat(db: Db, job: Job, workerId: string, lockSeconds: number): () => void {
  let beating = false;
  let lost = false;
  const timer = setInterval(() => {
    if (beating || lost) return;
    beating = true;
    db.update(jobs)
      .set({ lockedUntil: sql`now() + make_interval(secs => ${lockSeconds})` })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, "running")))
      .returning({ id: jobs.id })
      .then((renewed) => {
        if (renewed.length > 0) return;
        lost = true;
        console.error(`[jobs] ${job.type}#${job.id} lost its lock: another worker may run it too (handlers are idempotent)`);
      })
      .catch((error: unknown) => console.error(`[jobs] heartbeat of #${job.id} failed`, error))
      .finally(() => {
        beating = false;
      });
  }, (lockSeconds * 1000) / BEATS_PER_LOCK);
  timer.unref?.();
  return () => clearInterval(timer);
}

/**
 * Claims and runs due jobs one at a time (a claimed job is run at once, so none waits under a
 * lock that could expire); returns how many ran.
 */
export async function runDueJobs(db: Db, workerId: string, { limit = 5, lockSeconds = LOCK_SECONDS }: { limit?: number; lockSeconds?: number } = {}): Promise<number> {
  await recoverExpiredJobs(db);
  let ran = 0;
  for (; ran < limit; ran++) {
    const [job] = await claimJobs(db, workerId, 1, lockSeconds);
    if (!job) break;
    const handler = handlers.get(job.type);
    runningHere.add(job.id);
    const stop = heartbeat(db, job, workerId, lockSeconds);
    try {
      if (!handler) throw new Error(`no handler for job type "${job.type}"`);
      const result = await handler.run(job, db);
      stop();
      await completeJob(db, job, workerId, result);
    } catch (error) {
      stop();
      console.error(`[jobs] ${job.type}#${job.id} attempt ${job.attempts} failed`, error);
      if (await failJob(db, job, workerId, error)) await giveUp(db, job);
    } finally {
      runningHere.delete(job.id);
    }
  }
  return ran;
}
