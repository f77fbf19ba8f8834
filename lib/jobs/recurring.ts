import type { Db } from "@/db/client";
import { pruneFailures } from "@/lib/auth/throttle";
import { pruneRateLimits } from "@/lib/automation/triggers/rate-limit";
import { foldActivityDone } from "@/lib/analytics/activities-done";
import { foldWonProductTotals } from "@/lib/analytics/products";
import { foldReachTotals } from "@/lib/analytics/reach";
import { foldDealTotals } from "@/lib/board/column-totals";
import { removeOrphanFiles } from "@/lib/files/cleanup";
import { fileStorage } from "@/lib/files/storage";
import { finishedBulkOperations } from "@/lib/deals/bulk/job";
import { abandonedUploads, finishedImports } from "@/lib/import/import-job";
import { enqueueJob, registerJobHandler, type JobHandler } from "./queue";
import { deleteOldest, finishedJobs, keepSeconds, type DeleteBounds } from "./retention";

type Recurring = { type: string; everyMs: number; handler: JobHandler };

/** Housekeeping that repeats; each kind has at most one pending job (its dedupe key). */
const recurring: Recurring[] = [
  {
    type: "auth.prune-login-failures",
    everyMs: 60 * 60_000,
    handler: async (_job, db) => ({ removed: await pruneFailures(db) }),
  },
  {
    // Web form and webhook rate-limit windows long over.
    type: "automation.prune-rate-limits",
    everyMs: 60 * 60_000,
    handler: async (_job, db) => ({ removed: await pruneRateLimits(db) }),
  },
  {
    // Every deal write adds a row to the board's totals; folding keeps them a few per key.
    type: "board.fold-totals",
    everyMs: 60_000,
    handler: async (_job, db) => ({ folded: await foldDealTotals(db) }),
  },
  {
    // Likewise every move, edit and new deal adds rows to the analytics' monthly ledgers: reach,
    // activities done and won products (the job keeps its first name, so queued runs still match).
    type: "analytics.fold-reach-totals",
    everyMs: 60_000,
    handler: async (_job, db) => ({ folded: (await foldReachTotals(db)) + (await foldActivityDone(db)) + (await foldWonProductTotals(db)) }),
  },
  {
    // Finished work is kept CRM_JOBS_KEEP_DAYS, then deleted a bounded number of rows per run.
    type: "jobs.delete-finished",
    everyMs: 10 * 60_000,
    handler: async (_job, db) => deleteFinishedWork(db),
  },
  {
    type: "files.remove-orphans",
    everyMs: 6 * 60 * 60_000,
    handler: async (_job, db) => removeOrphanFiles(db, fileStorage().root),
  },
];

export function registerRecurringHandlers(): void {
  for (const r of recurring) registerJobHandler(r.type, r.handler);
}

/** Makes sure the next run of each recurring job is queued. */
export async function scheduleRecurring(db: Db, now = new Date()): Promise<void> {
  for (const r of recurring) {
    await enqueueJob(db, { type: r.type, dedupeKey: r.type, runAt: new Date(now.getTime() + r.everyMs), maxAttempts: 3 });
  }
}

/** Deletes what is kept no longer (CRM_JOBS_KEEP_DAYS): finished jobs, bulk operations and imports, and uploads never imported. */
export async function deleteFinishedWork(db: Db, seconds = keepSeconds(), bounds?: DeleteBounds) {
  return {
    jobs: await deleteOldest(db, finishedJobs(seconds), bounds),
    bulkOperations: await deleteOldest(db, finishedBulkOperations(seconds), bounds),
    imports: await deleteOldest(db, finishedImports(seconds), bounds),
    uploads: await deleteOldest(db, abandonedUploads(seconds), bounds),
  };
}
