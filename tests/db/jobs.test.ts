import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs } from "@/db/schema";
import { claimJobs, enqueueJob, recoverExpiredJobs, registerJobHandler, runDueJobs } from "@/lib/jobs/queue";
import { scheduleRecurring } from "@/lib/jobs/recurring";
import { createTestDb, type TestDb } from "../helpers/db";

let handle: TestDb;
let db: Db;
beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
});
afterAll(() => handle.close());
beforeEach(async () => {
  await db.delete(jobs);
});

const job = async (id: number) => (await db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

describe("the job queue", () => {
  it("runs a due job once and stores its result", async () => {
    const seen: unknown[] = [];
    registerJobHandler("test.echo", async (j) => {
      seen.push(j.payload);
      return { echoed: j.payload.word };
    });
    const id = (await enqueueJob(db, { type: "test.echo", payload: { word: "xin chào" } }))!;
    expect(await runDueJobs(db, "w1")).toBe(1);
    expect(await runDueJobs(db, "w1")).toBe(0);
    expect(seen).toEqual([{ word: "xin chào" }]);
    expect(await job(id)).toMatchObject({ status: "done", attempts: 1, result: { echoed: "xin chào" } });
  });

  it("does not run a job before its time", async () => {
    registerJobHandler("test.later", async () => "ran");
    const id = (await enqueueJob(db, { type: "test.later", runAt: new Date(Date.now() + 60_000) }))!;
    expect(await runDueJobs(db, "w1")).toBe(0);
    expect((await job(id)).status).toBe("queued");
  });

  it("retries a failing job with backoff, then marks it failed after its last attempt", async () => {
    registerJobHandler("test.flaky", async () => {
      throw new Error("SMTP unreachable");
    });
    const id = (await enqueueJob(db, { type: "test.flaky", maxAttempts: 2 }))!;
    const started = Date.now();
    await runDueJobs(db, "w1");
    const retried = await job(id);
    expect(retried).toMatchObject({ status: "queued", attempts: 1, lastError: "SMTP unreachable" });
    expect(retried.runAt.getTime()).toBeGreaterThanOrEqual(started + 9_000);
    await db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.id, id));
    await runDueJobs(db, "w1");
    expect(await job(id)).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("fails a job whose type has no handler instead of losing it", async () => {
    const id = (await enqueueJob(db, { type: "test.unknown", maxAttempts: 1 }))!;
    await runDueJobs(db, "w1");
    expect(await job(id)).toMatchObject({ status: "failed", lastError: 'no handler for job type "test.unknown"' });
  });

  it("ignores a second enqueue with the same dedupe key while the first is pending", async () => {
    expect(await enqueueJob(db, { type: "test.echo", dedupeKey: "deal:1:reminder" })).not.toBeNull();
    expect(await enqueueJob(db, { type: "test.echo", dedupeKey: "deal:1:reminder" })).toBeNull();
    expect(await db.$count(jobs)).toBe(1);
  });

  it("gives concurrent claimers disjoint jobs (FOR UPDATE SKIP LOCKED)", async () => {
    for (let i = 0; i < 10; i++) await enqueueJob(db, { type: "test.echo" });
    const [a, b] = await Promise.all([claimJobs(db, "wA", 6), claimJobs(db, "wB", 6)]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(10);
  });

  it("puts back a job whose worker died (lock expired) so it runs again", async () => {
    const id = (await enqueueJob(db, { type: "test.echo" }))!;
    await claimJobs(db, "dead-worker", 1);
    await db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, id));
    expect(await recoverExpiredJobs(db)).toBe(1);
    expect(await job(id)).toMatchObject({ status: "queued", lockedBy: null });
    await runDueJobs(db, "w2");
    expect((await job(id)).status).toBe("done");
  });

  it("keeps exactly one pending run of each recurring job", async () => {
    await scheduleRecurring(db);
    await scheduleRecurring(db);
    expect(await db.$count(jobs, eq(jobs.type, "auth.prune-login-failures"))).toBe(1);
  });
});
