import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { bulkOperations, dealImports, jobs } from "@/db/schema";
import { finishedBulkOperations } from "@/lib/deals/bulk/job";
import { abandonedUploads, finishedImports } from "@/lib/import/import-job";
import { claimJobs, enqueueJob, recoverExpiredJobs, registerJobHandler, runDueJobs } from "@/lib/jobs/queue";
import { deleteFinishedWork, scheduleRecurring } from "@/lib/jobs/recurring";
import { deleteOldest, finishedJobs, keepSeconds, oldestBatch } from "@/lib/jobs/retention";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeOrg } from "../helpers/fixtures";
import { startWorkerProcess } from "../helpers/job-worker-process";

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
    expect(await db.$count(jobs, eq(jobs.type, "jobs.delete-finished"))).toBe(1);
  });
});

/** The database's clock, in milliseconds: lock periods are measured by it. */
async function dbNowMs(on: Db): Promise<number> {
  const [row] = await queryRows<{ ms: string }>(on, sql`select (extract(epoch from clock_timestamp()) * 1000)::bigint as ms`);
  return Number(row!.ms);
}

describe("locks and heartbeats", () => {
  const lockSeconds = 1;

  it("never takes over a live job whose handler holds a transaction for longer than the lock, even where the heartbeat must wait (PGlite)", async () => {
    let runs = 0;
    let claimedUntil = 0;
    let renewedTo = 0;
    // Another worker's tries, started while the job's transaction is open and not awaited there: on
    // PGlite (one connection) each waits for the transaction, the first ahead of the heartbeat.
    const tries: Promise<number>[] = [];
    registerJobHandler("test.long", async (j, on) => {
      runs++;
      claimedUntil = j.lockedUntil!.getTime();
      await on.transaction(async (tx0) => {
        const tx = tx0 as unknown as Db;
        const start = await dbNowMs(tx);
        // Three lock periods by the database's clock, the transaction open all along.
        await vi.waitFor(
          async () => {
            tries.push(runDueJobs(db, "w2", { lockSeconds }));
            const [row] = await queryRows<{ until: string }>(tx, sql`select (extract(epoch from locked_until) * 1000)::bigint as until from jobs where id = ${j.id}`);
            renewedTo = Math.max(renewedTo, Number(row!.until));
            expect(await dbNowMs(tx)).toBeGreaterThan(start + 3_000 * lockSeconds);
          },
          { timeout: 20_000, interval: 100 },
        );
      });
      return "finished by w1";
    });
    const id = (await enqueueJob(db, { type: "test.long" }))!;
    expect(await runDueJobs(db, "w1", { limit: 1, lockSeconds })).toBe(1);
    const takenOver = (await Promise.all(tries)).reduce((a, b) => a + b, 0);
    expect(tries.length).toBeGreaterThan(10);
    expect(takenOver).toBe(0);
    expect(runs).toBe(1);
    expect(await job(id)).toMatchObject({ status: "done", attempts: 1, result: "finished by w1", lockedBy: null });
    // On PostgreSQL the heartbeat went through the pool while the transaction held its own connection.
    if (handle.driver === "pg") expect(renewedTo).toBeGreaterThan(claimedUntil + 1_000 * lockSeconds);
  });

  describe.runIf(process.env.DATABASE_URL)("with the worker in a process of its own (PostgreSQL)", () => {
    const testDatabaseUrl = () => {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${handle.name}`;
      return url.toString();
    };
    const tookOver: number[] = [];
    beforeAll(() => registerJobHandler("test.hold", async (j) => (tookOver.push(j.id), { by: "parent" })));

    it("leaves its live job alone: the heartbeat keeps the lock while the job's transaction stays open", async () => {
      const worker = await startWorkerProcess(testDatabaseUrl(), { lockSeconds });
      try {
        const id = (await enqueueJob(db, { type: "test.hold" }))!;
        await worker.line(new RegExp(`^holding ${id}$`));
        const claimed = await job(id);
        const start = await dbNowMs(db);
        let ran = 0;
        await vi.waitFor(
          async () => {
            ran += await runDueJobs(db, "parent", { lockSeconds });
            expect(await dbNowMs(db)).toBeGreaterThan(start + 3_000 * lockSeconds);
          },
          { timeout: 20_000, interval: 100 },
        );
        expect(ran).toBe(0);
        const held = await job(id);
        expect(held).toMatchObject({ status: "running", lockedBy: claimed.lockedBy, attempts: 1 });
        expect(held.lockedUntil!.getTime()).toBeGreaterThan(claimed.lockedUntil!.getTime() + 2_000 * lockSeconds);
        worker.child.stdin.write("release\n");
        await vi.waitFor(async () => expect(await job(id)).toMatchObject({ status: "done", attempts: 1, result: { by: "child" } }), { timeout: 10_000, interval: 100 });
        expect(tookOver).not.toContain(id);
      } finally {
        worker.child.kill("SIGKILL");
      }
    });

    it("takes over the job of a worker killed with SIGKILL once its lock runs out", async () => {
      const worker = await startWorkerProcess(testDatabaseUrl(), { lockSeconds });
      const id = (await enqueueJob(db, { type: "test.hold" }))!;
      await worker.line(new RegExp(`^holding ${id}$`));
      worker.child.kill("SIGKILL");
      const killedAt = Date.now();
      await vi.waitFor(
        async () => {
          await runDueJobs(db, "parent", { lockSeconds });
          expect(await job(id)).toMatchObject({ status: "done", attempts: 2, result: { by: "parent" }, lastError: "worker stopped before finishing" });
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(Date.now() - killedAt).toBeLessThan(1_000 * lockSeconds + 3_000);
      expect(tookOver).toContain(id);
    });
  });
});

describe("retention of finished work", () => {
  it("keeps finished work CRM_JOBS_KEEP_DAYS days (14 when unset or not a positive number)", () => {
    expect(keepSeconds(undefined)).toBe(14 * 86_400);
    expect(keepSeconds("2")).toBe(2 * 86_400);
    expect(keepSeconds("0.5")).toBe(43_200);
    for (const bad of ["", "0", "-3", "abc"]) expect(keepSeconds(bad)).toBe(14 * 86_400);
  });

  it("deletes finished jobs past that time, oldest first and a bounded batch at a time, never pending or recent ones", async () => {
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    const old = await db
      .insert(jobs)
      .values([
        { type: "test.old", status: "done", finishedAt: daysAgo(20) },
        { type: "test.old", status: "failed", finishedAt: daysAgo(19) },
        { type: "test.old", status: "done", finishedAt: daysAgo(18) },
        { type: "test.old", status: "done", finishedAt: daysAgo(15) },
      ])
      .returning({ id: jobs.id });
    const kept = await db
      .insert(jobs)
      .values([
        { type: "test.recent", status: "done", finishedAt: daysAgo(13) },
        { type: "test.pending", status: "queued", runAt: daysAgo(30), createdAt: daysAgo(30) },
        { type: "test.pending", status: "running", lockedBy: "w", lockedUntil: new Date(Date.now() + 60_000), createdAt: daysAgo(30) },
      ])
      .returning({ id: jobs.id });
    const seconds = keepSeconds("14");
    expect(await deleteOldest(db, finishedJobs(seconds), { batch: 2, maxBatches: 1 })).toBe(2);
    // The two oldest went first.
    expect(await db.$count(jobs, inArray(jobs.id, old.slice(0, 2).map((r) => r.id)))).toBe(0);
    expect(await deleteOldest(db, finishedJobs(seconds), { batch: 2, maxBatches: 5 })).toBe(2);
    expect((await db.select({ id: jobs.id }).from(jobs)).map((r) => r.id).sort()).toEqual(kept.map((r) => r.id).sort());
  });

  it("deletes finished bulk operations and imports and old uploads, never one still queued or running", async () => {
    const org = await makeOrg(db, "Retention");
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    const op = (status: "queued" | "running" | "done" | "failed", createdDaysAgo: number, finishedDaysAgo: number | null) => ({
      orgId: org.orgId,
      userId: org.admin.id,
      action: { kind: "opened", opened: true },
      dealIds: [1, 2, 3],
      total: 3,
      status,
      createdAt: daysAgo(createdDaysAgo),
      finishedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo),
    });
    const ops = await db
      .insert(bulkOperations)
      .values([op("done", 20, 20), op("failed", 20, 16), op("done", 20, 1), op("running", 30, null), op("queued", 30, null)])
      .returning({ id: bulkOperations.id });
    const upload = (status: "uploaded" | "queued" | "running" | "done", createdDaysAgo: number, finishedDaysAgo: number | null) => ({
      orgId: org.orgId,
      userId: org.admin.id,
      filename: "deals.xlsx",
      header: ["Tên giao dịch"],
      rows: [["Hợp đồng"]],
      status,
      createdAt: daysAgo(createdDaysAgo),
      finishedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo),
    });
    const uploads = await db
      .insert(dealImports)
      .values([upload("done", 30, 20), upload("uploaded", 20, null), upload("done", 30, 2), upload("uploaded", 2, null), upload("running", 30, null), upload("queued", 30, null)])
      .returning({ id: dealImports.id });
    expect(await deleteFinishedWork(db, keepSeconds("14"))).toMatchObject({ bulkOperations: 2, imports: 1, uploads: 1 });
    expect((await db.select({ id: bulkOperations.id }).from(bulkOperations)).map((r) => r.id).sort()).toEqual(ops.slice(2).map((r) => r.id).sort());
    expect((await db.select({ id: dealImports.id }).from(dealImports)).map((r) => r.id).sort()).toEqual(uploads.slice(2).map((r) => r.id).sort());
  });

  it("finds each batch through a partial index, never by scanning a whole table", async () => {
    const seconds = keepSeconds();
    const targets = [
      [finishedJobs(seconds), "jobs_finished_idx"],
      [finishedBulkOperations(seconds), "bulk_operations_finished_idx"],
      [finishedImports(seconds), "deal_imports_finished_idx"],
      [abandonedUploads(seconds), "deal_imports_uploaded_idx"],
    ] as const;
    for (const [expiring, index] of targets) {
      const plan = await db.transaction(async (tx0) => {
        const tx = tx0 as unknown as Db;
        // Small test tables would be scanned anyway: forbid it, and the plan shows which index serves the batch.
        await tx.execute(sql`set local enable_seqscan = off`);
        return (await queryRows<Record<string, string>>(tx, sql`explain ${oldestBatch(expiring, 1000)}`)).map((r) => Object.values(r)[0]).join("\n");
      });
      expect(plan, plan).toContain(index);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });
});

describe("the in-process worker's own pool", () => {
  it("on PostgreSQL sends every statement of a job through the gate first (the worker gives way to requests there)", async () => {
    if (handle.driver === "pglite") {
      // One connection: a statement held back would hold the requests too, so there is no such pool.
      expect(handle.backgroundDb).toBeUndefined();
      return;
    }
    const gated: string[] = [];
    const background = handle.backgroundDb!((query) => (...args) => {
      const first = args[0];
      gated.push(typeof first === "string" ? first : String((first as { text?: string }).text));
      return query(...args);
    });
    registerJobHandler("test.background", async (j, jobDb) => {
      await jobDb.transaction(async (tx) => {
        await tx.execute(sql`select ${j.id}::int as id`);
      });
      return { ran: true };
    });
    const id = (await enqueueJob(db, { type: "test.background" }))!;
    expect(await runDueJobs(background, "w-background")).toBe(1);
    expect(await job(id)).toMatchObject({ status: "done", result: { ran: true } });
    // The claim, the handler's transaction and the completion all went through the gate.
    expect(gated.some((text) => /update "jobs" set status = 'running'/.test(text))).toBe(true);
    expect(gated).toContain("begin");
    expect(gated.some((text) => /::int as id/.test(text))).toBe(true);
    expect(gated.some((text) => /update "jobs" set "status"/.test(text))).toBe(true);
  });
});
