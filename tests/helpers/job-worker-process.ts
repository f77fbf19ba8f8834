/**
 * A job worker in a process of its own (the app's worker loop, heartbeat and all), for tests that
 * watch it keep its jobs or kill it with SIGKILL mid-job. Started by `startWorkerProcess` below with
 * DATABASE_URL naming the test's database. It prints "ready", then "holding <job id>" once a job
 * holds its transaction open; the line "release" on its input lets a held job finish.
 *
 * Jobs it holds: "test.hold" (a transaction that only waits) and, in mode "bulk", the bulk job:
 * one chunk committed, the next one's changes made and not committed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { BulkAction } from "@/lib/deals/bulk/apply";

async function main() {
  const [{ eq, sql }, { openDatabase }, { bulkOperations }, { BULK_JOB, processNextChunk }, { applyBulk }, { registerJobHandler }, { startWorker }, { viewerFor }] = await Promise.all([
    import("drizzle-orm"),
    import("@/db/client"),
    import("@/db/schema"),
    import("@/lib/deals/bulk/job"),
    import("@/lib/deals/bulk/apply"),
    import("@/lib/jobs/queue"),
    import("@/lib/jobs/worker"),
    import("@/lib/permissions/load"),
  ]);
  const [lockSeconds, mode] = [Number(process.argv[2]) || undefined, process.argv[3]];
  const handle = await openDatabase();
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  createInterface({ input: process.stdin }).on("line", (line) => line === "release" && release());
  startWorker(handle.db, { driver: handle.driver, listen: handle.listen, lockSeconds, intervalMs: 100 });
  registerJobHandler("test.hold", async (job, db) => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      console.log(`holding ${job.id}`);
      await released;
    });
    return { by: "child", pid: process.pid };
  });
  if (mode === "bulk") {
    registerJobHandler(BULK_JOB, async (job, db) => {
      const operationId = Number(job.payload.operationId);
      await processNextChunk(db, operationId, 5);
      await db.transaction(async (tx0) => {
        const tx = tx0 as unknown as typeof db;
        const [op] = await tx.select().from(bulkOperations).where(eq(bulkOperations.id, operationId)).for("update");
        const viewer = await viewerFor(tx, op!.userId);
        await applyBulk(tx, viewer!, op!.action as BulkAction, op!.dealIds.slice(op!.processed, op!.processed + 5));
        console.log(`holding ${job.id}`);
        await released;
      });
    });
  }
  console.log("ready");
}

if (process.argv[1] === __filename) void main();

export type WorkerProcess = {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first line of output that matches (rejects after `timeoutMs`). */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
};

/** Starts the worker above on database `url` and waits until it is ready. */
export async function startWorkerProcess(url: string, { lockSeconds, mode }: { lockSeconds?: number; mode?: "bulk" } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", __filename, String(lockSeconds ?? ""), mode ?? ""], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_SIZE: "2", CRM_SQL_LOG: "" },
  });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  createInterface({ input: child.stdout }).on("line", (l) => {
    lines.push(l);
    for (const wake of waiting) wake();
  });
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(`[worker process] ${chunk}`));
  const line = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const found = lines.map((l) => l.match(pattern)).find(Boolean);
        if (!found) return;
        waiting.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`the worker process never printed ${pattern} (it printed: ${lines.join(" | ")})`));
      }, timeoutMs);
      waiting.add(check);
      check();
    });
  await line(/^ready$/, 60_000);
  return { child, line };
}
