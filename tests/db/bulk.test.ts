import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { applyBulk, applyEachDeal } from "@/lib/deals/bulk/apply";
import { processNextChunk, registerBulkJob, startBulkOperation } from "@/lib/deals/bulk/job";
import { createDeal } from "@/lib/deals/service";
import { setRequiredFields } from "@/lib/deals/required/service";
import { claimJobs, recoverExpiredJobs, runDueJobs } from "@/lib/jobs/queue";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";
import { startWorkerProcess } from "../helpers/job-worker-process";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
async function makeDeals(n: number, as = org.seller, extra = {}) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await inTx((tx) => createDeal(tx, as, dealInput({ stageId: org.stage(0, "NEW").id, title: `Bulk ${i}`, ...extra }))));
  return ids;
}

describe("applyBulk", () => {
  it("changes what it may, reports the rest with a reason, and writes history per deal", async () => {
    const mine = await makeDeals(3);
    const others = await makeDeals(2, org.other, { opened: false });
    const result = await inTx((tx) => applyBulk(tx, org.seller, { kind: "opened", opened: false }, [...mine, ...others]));
    expect(result.changed).toBe(3);
    expect(result.refused.map((r) => r.reason)).toEqual(["errors.notFound", "errors.notFound"]);
    // Deals he may not read are reported by number, never by their title.
    expect(result.refused.map((r) => r.title)).toEqual(others.map((id) => `#${id}`));
    const task = await inTx((tx) => applyBulk(tx, org.seller, { kind: "task", subject: "x", deadline: new Date() }, others));
    expect(task.refused.map((r) => r.reason)).toEqual(["errors.notFound", "errors.notFound"]);
    const events = await db.select().from(s.dealEvents).where(and(inArray(s.dealEvents.dealId, mine), eq(s.dealEvents.kind, "updated")));
    expect(events).toHaveLength(3);
  });

  it("moves deals to another pipeline on the stage of the same kind, and refuses a stage of another pipeline", async () => {
    const [id] = await makeDeals(1, org.admin);
    await inTx((tx) => applyBulk(tx, org.admin, { kind: "pipeline", pipelineId: org.pipelines[1]!.id }, [id!]));
    const [deal] = await db.select().from(s.deals).where(eq(s.deals.id, id!));
    expect(deal).toMatchObject({ pipelineId: org.pipelines[1]!.id, stageId: org.stage(1, "NEW").id });
    const refused = await inTx((tx) => applyBulk(tx, org.admin, { kind: "stage", stageId: org.stage(0, "WON").id }, [id!]));
    expect(refused.refused[0]?.reason).toBe("bulk.otherPipeline");
  });

  it("adds observers and tasks", async () => {
    const [id] = await makeDeals(1);
    await inTx((tx) => applyBulk(tx, org.seller, { kind: "observers", userIds: [org.other.id] }, [id!]));
    await inTx((tx) => applyBulk(tx, org.seller, { kind: "task", subject: "Gọi lại khách hàng", deadline: new Date("2030-01-01T03:00:00Z") }, [id!]));
    expect(await db.$count(s.dealObservers, eq(s.dealObservers.dealId, id!))).toBe(1);
    expect((await db.select().from(s.activities).where(eq(s.activities.dealId, id!)))[0]).toMatchObject({ type: "task", subject: "Gọi lại khách hàng", responsibleId: org.seller.id });
  });
});

describe("background bulk operations", () => {
  it("run on the job queue in chunks and resume after a crash without doing a deal twice", async () => {
    registerBulkJob();
    const ids = await makeDeals(25, org.admin);
    const operationId = await inTx((tx) => startBulkOperation(tx, org.admin, { kind: "responsible", assignedById: org.seller.id }, ids));
    // A worker does one chunk of 10, then "dies" before the next.
    expect(await processNextChunk(db, operationId, 10)).toBe(true);
    const [half] = await db.select().from(s.bulkOperations).where(eq(s.bulkOperations.id, operationId));
    expect(half).toMatchObject({ processed: 10, changed: 10, status: "running" });
    // The queued job picks it up and finishes the rest.
    while ((await runDueJobs(db, "test-worker")) > 0);
    const [done] = await db.select().from(s.bulkOperations).where(eq(s.bulkOperations.id, operationId));
    expect(done).toMatchObject({ processed: 25, changed: 25, unchanged: 0, refused: 0, status: "done", finishedAt: expect.any(Date) });
    // Nothing reads the list of deals once it is over: it is dropped (it can hold a million ids).
    expect(done!.dealIds).toEqual([]);
    const events = await db.select().from(s.dealEvents).where(and(inArray(s.dealEvents.dealId, ids), eq(s.dealEvents.kind, "updated")));
    expect(events).toHaveLength(25);
  });

  it("stop waiting when the job is given up because its worker died on its last attempt", async () => {
    registerBulkJob();
    const ids = await makeDeals(3, org.admin);
    const operationId = await inTx((tx) => startBulkOperation(tx, org.admin, { kind: "opened", opened: false }, ids));
    const [job] = await db.select().from(s.jobs).where(eq(s.jobs.dedupeKey, `bulk:${operationId}`));
    await db.update(s.jobs).set({ attempts: job!.maxAttempts - 1 }).where(eq(s.jobs.id, job!.id));
    await claimJobs(db, "dead-worker", 5);
    await db.update(s.jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(s.jobs.id, job!.id));
    await recoverExpiredJobs(db);
    expect((await db.select().from(s.jobs).where(eq(s.jobs.id, job!.id)))[0]).toMatchObject({ status: "failed", lastError: "worker stopped before finishing" });
    const [op] = await db.select().from(s.bulkOperations).where(eq(s.bulkOperations.id, operationId));
    expect(op).toMatchObject({ status: "failed", finishedAt: expect.any(Date), processed: 0, dealIds: [] });
  });

  it.runIf(process.env.DATABASE_URL)(
    "are taken over within about 30 s when their worker process is killed mid-chunk, and no deal is done twice (PostgreSQL)",
    async () => {
      registerBulkJob();
      const ids = await makeDeals(12, org.admin);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${handle.name}`;
      // The app's worker loop with the default lock; it commits a chunk of 5, changes the next 5 and is killed before committing them.
      const worker = await startWorkerProcess(url.toString(), { mode: "bulk" });
      const operationId = await inTx((tx) => startBulkOperation(tx, org.admin, { kind: "responsible", assignedById: org.other.id }, ids));
      await worker.line(/^holding \d+$/);
      expect((await db.select().from(s.bulkOperations).where(eq(s.bulkOperations.id, operationId)))[0]).toMatchObject({ processed: 5, status: "running" });
      worker.child.kill("SIGKILL");
      const killedAt = Date.now();
      await vi.waitFor(
        async () => {
          await runDueJobs(db, "survivor");
          expect((await db.select().from(s.bulkOperations).where(eq(s.bulkOperations.id, operationId)))[0]?.status).toBe("done");
        },
        { timeout: 45_000, interval: 250 },
      );
      const tookOverAfter = Date.now() - killedAt;
      expect(tookOverAfter).toBeLessThan(35_000);
      const [op] = await db.select().from(s.bulkOperations).where(eq(s.bulkOperations.id, operationId));
      expect(op).toMatchObject({ processed: 12, changed: 12, unchanged: 0, refused: 0 });
      const [job] = await db.select().from(s.jobs).where(eq(s.jobs.dedupeKey, `bulk:${operationId}`));
      expect(job).toMatchObject({ status: "done", attempts: 2, lastError: "worker stopped before finishing" });
      // Every deal changed exactly once: the killed process's uncommitted chunk left nothing behind.
      const events = await db.select().from(s.dealEvents).where(and(inArray(s.dealEvents.dealId, ids), eq(s.dealEvents.kind, "updated")));
      expect(events.map((e) => e.dealId).sort()).toEqual([...ids].sort());
      const deals = await db.select({ assignedById: s.deals.assignedById }).from(s.deals).where(inArray(s.deals.id, ids));
      expect(deals.every((d) => d.assignedById === org.other.id)).toBe(true);
    },
    60_000,
  );
});

describe("set-based field changes", () => {
  it("decide every deal exactly as the deal service does, one by one", async () => {
    // Deals of every kind the rule distinguishes: own, a colleague's open and closed, in-department or not.
    const ids = [...(await makeDeals(2)), ...(await makeDeals(2, org.other)), ...(await makeDeals(2, org.other, { opened: false })), ...(await makeDeals(1, org.admin, { opened: false }))];
    const viewers = [org.seller, org.other, org.admin];
    const actions = [
      { kind: "responsible" as const, assignedById: org.seller.id },
      { kind: "responsible" as const, assignedById: org.other.id },
      { kind: "opened" as const, opened: false },
      { kind: "opened" as const, opened: true },
    ];
    const rolledBack = async <T>(fn: (tx: typeof db) => Promise<T>): Promise<{ value: T; rows: unknown[] }> => {
      let captured: { value: T; rows: unknown[] } | undefined;
      await db
        .transaction(async (tx) => {
          const value = await fn(tx as unknown as typeof db);
          const rows = await (tx as unknown as typeof db).select({ id: s.deals.id, a: s.deals.assignedById, o: s.deals.opened, v: s.deals.version }).from(s.deals).where(inArray(s.deals.id, ids)).orderBy(s.deals.id);
          captured = { value, rows };
          throw new Error("roll back");
        })
        .catch(() => undefined);
      return captured!;
    };
    for (const viewer of viewers) {
      for (const action of actions) {
        const oneByOne = await rolledBack((tx) => applyEachDeal(tx, viewer, action, ids));
        const setBased = await rolledBack((tx) => applyBulk(tx, viewer, action, ids));
        expect(setBased.value, `${viewer.name} ${JSON.stringify(action)}`).toEqual(oneByOne.value);
        expect(setBased.rows).toEqual(oneByOne.rows);
      }
    }
  });
});

describe("set-based stage moves", () => {
  it("decide every deal exactly as the deal service does, one by one, and record the same facts", async () => {
    const [, second, third] = org.pipelines[0]!.stages.filter((st) => st.semantics === "P");
    await setRequiredFields(db, org.orgId, third!.id, ["amount"]);
    const ids = [
      ...(await makeDeals(2)),
      ...(await makeDeals(1, org.seller, { amount: "1500000" })),
      ...(await makeDeals(2, org.other)),
      ...(await makeDeals(1, org.other, { opened: false, amount: "2000000" })),
      ...(await makeDeals(1, org.admin, { opened: false })),
      ...(await makeDeals(1, org.seller, { stageId: org.stage(1, "NEW").id })),
      ...(await makeDeals(1, org.seller, { stageId: second!.id })),
    ];
    const rolledBack = async <T>(fn: (tx: typeof db) => Promise<T>): Promise<{ value: T; rows: unknown[] }> => {
      let captured: { value: T; rows: unknown[] } | undefined;
      await db
        .transaction(async (tx) => {
          const t = tx as unknown as typeof db;
          const value = await fn(t);
          const rows = await t
            .select({ id: s.deals.id, stage: s.deals.stageId, semantics: s.deals.stageSemantics, closed: s.deals.closed, v: s.deals.version, by: s.deals.modifiedById, movedBy: s.deals.movedById })
            .from(s.deals)
            .where(inArray(s.deals.id, ids))
            .orderBy(s.deals.id);
          const history = await t.select({ deal: s.stageHistory.dealId, type: s.stageHistory.typeId, stage: s.stageHistory.stageId }).from(s.stageHistory).where(inArray(s.stageHistory.dealId, ids)).orderBy(s.stageHistory.id);
          const events = await t.select({ deal: s.dealEvents.dealId, kind: s.dealEvents.kind, changes: s.dealEvents.changes }).from(s.dealEvents).where(inArray(s.dealEvents.dealId, ids)).orderBy(s.dealEvents.dealId, s.dealEvents.id);
          const order = await t.select({ id: s.deals.id }).from(s.deals).where(inArray(s.deals.id, ids)).orderBy(s.deals.stageId, s.deals.boardPosition);
          captured = { value, rows: [rows, history, events, order] };
          throw new Error("roll back");
        })
        .catch(() => undefined);
      return captured!;
    };
    for (const viewer of [org.seller, org.other, org.admin]) {
      for (const stageId of [second!.id, third!.id, org.stage(0, "WON").id, org.stage(0, "NEW").id, org.stage(1, "NEW").id]) {
        const action = { kind: "stage" as const, stageId };
        const oneByOne = await rolledBack((tx) => applyEachDeal(tx, viewer, action, ids));
        const setBased = await rolledBack((tx) => applyBulk(tx, viewer, action, ids));
        expect(setBased.value, `${viewer.name} → ${stageId}`).toEqual(oneByOne.value);
        expect(setBased.rows, `${viewer.name} → ${stageId}`).toEqual(oneByOne.rows);
      }
    }
  });
});

