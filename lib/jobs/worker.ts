import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { runDueJobs } from "./queue";
import { registerBulkJob } from "@/lib/deals/bulk-job";
import { registerImportJob, reportInMemory, reportThroughDatabase } from "@/lib/import/import-job";
import { registerRecurringHandlers, scheduleRecurring } from "./recurring";

/** Polls the queue in this process until stopped. Any number of processes may run one. */
export function startWorker(db: Db, { intervalMs = 1000, driver = "pg" as "pg" | "pglite" } = {}): () => void {
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  registerRecurringHandlers();
  registerBulkJob();
  registerImportJob(driver === "pg" ? reportThroughDatabase : reportInMemory);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let scheduledAt = 0;
  const tick = async () => {
    try {
      if (Date.now() - scheduledAt > 60_000) {
        await scheduleRecurring(db);
        scheduledAt = Date.now();
      }
      while (!stopped && (await runDueJobs(db, workerId)) > 0) {
        // keep draining while there is work
      }
    } catch (error) {
      console.error("[jobs] worker tick failed", error);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
