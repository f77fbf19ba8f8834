import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { jobs } from "@/db/schema";
import { retryDelayMs } from "./backoff";

export type Job = typeof jobs.$inferSelect;
/** Handlers must be idempotent: a job whose worker died mid-way runs again. */
export type JobHandler = (job: Job, db: Db) => Promise<unknown>;

const handlers = new Map<string, JobHandler>();

export function registerJobHandler(type: string, handler: JobHandler): void {
  handlers.set(type, handler);
}

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
  const rows = await db
    .insert(jobs)
    .values({
      type: options.type,
      payload: options.payload ?? {},
      orgId: options.orgId ?? null,
      runAt: options.runAt ?? new Date(),
      maxAttempts: options.maxAttempts ?? 5,
      dedupeKey: options.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  // Workers listening on this channel start at once when the job is committed (and it is due).
  if (rows[0] && (!options.runAt || options.runAt.getTime() <= Date.now())) await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, '')`);
  return rows[0]?.id ?? null;
}

export const JOBS_CHANNEL = "crm_jobs";

/**
 * Claims up to `limit` due jobs for this worker. SKIP LOCKED lets many workers (processes,
 * machines) poll the same table without waiting on each other or taking the same job.
 */
export async function claimJobs(db: Db, workerId: string, limit = 5, lockSeconds = 300): Promise<Job[]> {
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

/** Jobs whose worker vanished (lock expired) go back to the queue, or fail when out of attempts. */
export async function recoverExpiredJobs(db: Db): Promise<number> {
  const recovered = await queryRows<{ id: number }>(db, sql`
    update ${jobs} set
      status = case when attempts >= max_attempts then 'failed' else 'queued' end,
      last_error = 'worker stopped before finishing',
      finished_at = case when attempts >= max_attempts then now() else null end,
      locked_by = null, locked_until = null
    where status = 'running' and locked_until < now()
    returning id`);
  return recovered.length;
}

export async function completeJob(db: Db, job: Job, workerId: string, result: unknown): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done", result: result ?? null, finishedAt: new Date(), lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}

export async function failJob(db: Db, job: Job, workerId: string, error: unknown, now = new Date()): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: final ? "failed" : "queued",
      lastError: message.slice(0, 2000),
      runAt: final ? job.runAt : new Date(now.getTime() + retryDelayMs(job.attempts)),
      finishedAt: final ? now : null,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}

export const LOCK_SECONDS = 300;

/** Keeps a running job's lock fresh, so no other worker takes a long job over while it still runs. */
function heartbeat(db: Db, job: Job, workerId: string, everyMs = (LOCK_SECONDS * 1000) / 3): () => void {
  const timer = setInterval(() => {
    db.update(jobs)
      .set({ lockedUntil: sql`now() + make_interval(secs => ${LOCK_SECONDS})` })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, "running")))
      .catch((error: unknown) => console.error(`[jobs] heartbeat of #${job.id} failed`, error));
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

/**
 * Claims and runs due jobs one at a time (a claimed job is run at once, so none waits under a
 * lock that could expire); returns how many ran.
 */
export async function runDueJobs(db: Db, workerId: string, limit = 5): Promise<number> {
  await recoverExpiredJobs(db);
  let ran = 0;
  for (; ran < limit; ran++) {
    const [job] = await claimJobs(db, workerId, 1, LOCK_SECONDS);
    if (!job) break;
    const handler = handlers.get(job.type);
    const stop = heartbeat(db, job, workerId);
    try {
      if (!handler) throw new Error(`no handler for job type "${job.type}"`);
      const result = await handler(job, db);
      stop();
      await completeJob(db, job, workerId, result);
    } catch (error) {
      stop();
      console.error(`[jobs] ${job.type}#${job.id} attempt ${job.attempts} failed`, error);
      await failJob(db, job, workerId, error);
    }
  }
  return ran;
}
