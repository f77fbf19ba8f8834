import { hostname } from "node:os";
import type { Db, DbHandle } from "@/db/client";
import { JOBS_CHANNEL, runDueJobs } from "./queue";
import { registerBulkJob } from "@/lib/deals/bulk/job";
import { registerImportJob, reportInMemory, reportThroughDatabase } from "@/lib/import/import-job";
import { registerRecurringHandlers, scheduleRecurring } from "./recurring";
import { registerReminderJob } from "@/lib/activities/reminders";
import { registerAutomationJobs } from "@/lib/automation/runner";
import { registerMessageJob } from "@/lib/messaging/send-job";
import { registerTriggerJobs } from "@/lib/automation/triggers/fire";

/**
 * Polls the queue in this process until stopped, and starts at once when a job is enqueued
 * (`listen`: the queue's NOTIFY, delivered on commit). Any number of processes may run one.
 */
export function startWorker(
  db: Db,
  { intervalMs = 1000, driver = "pg" as "pg" | "pglite", listen, lockSeconds }: { intervalMs?: number; driver?: "pg" | "pglite"; listen?: DbHandle["listen"]; lockSeconds?: number } = {},
): () => void {
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  registerRecurringHandlers();
  registerBulkJob();
  registerReminderJob();
  registerAutomationJobs();
  registerMessageJob();
  registerTriggerJobs();
  registerImportJob(driver === "pg" ? reportThroughDatabase : reportInMemory);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let scheduledAt = 0;
  let running = false;
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    clearTimeout(timer);
    try {
      if (Date.now() - scheduledAt > 60_000) {
        await scheduleRecurring(db);
        scheduledAt = Date.now();
      }
      while (!stopped && (await runDueJobs(db, workerId, { lockSeconds })) > 0) {
        // keep draining while there is work
      }
    } catch (error) {
      console.error("[jobs] worker tick failed", error);
    }
    running = false;
    if (!stopped) timer = setTimeout(tick, again ? 0 : intervalMs);
    again = false;
  };
  timer = setTimeout(tick, 0);
  const listening = listen?.(JOBS_CHANNEL, () => void tick(), (error) => console.error("[jobs] lost the queue's notices; polling only", error.message)).catch((error: unknown) => {
    console.error("[jobs] could not listen for new jobs; polling only", error);
    return undefined;
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
    void listening?.then((unlisten) => unlisten?.());
  };
}
