import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bulkOperations } from "@/db/schema";
import { enqueueJob, registerJobHandler } from "@/lib/jobs/queue";
import { olderThan, type Expiring } from "@/lib/jobs/retention";
import { viewerFor } from "@/lib/permissions/load";
import type { Viewer } from "@/lib/permissions";
import { applyBulk, type BulkAction } from "./apply";

export const BULK_JOB = "deals.bulk";
/** Deals per committed chunk; a plain field change is set-based, so it takes bigger ones. */
export const CHUNK = 200;
const FIELD_CHANGE_CHUNK = 1000;
const REFUSALS_KEPT = 200;

type StoredAction = Omit<BulkAction, "deadline"> & { deadline?: string };

/** Starts a background bulk action over a fixed list of deals; returns the operation id. */
export async function startBulkOperation(db: Db, viewer: Viewer, action: BulkAction, dealIds: number[]): Promise<number> {
  const stored: StoredAction = action.kind === "task" ? { ...action, deadline: action.deadline.toISOString() } : action;
  const [op] = await db
    .insert(bulkOperations)
    .values({ orgId: viewer.orgId, userId: viewer.id, action: stored as Record<string, unknown>, dealIds, total: dealIds.length })
    .returning({ id: bulkOperations.id });
  await enqueueJob(db, { type: BULK_JOB, orgId: viewer.orgId, payload: { operationId: op!.id }, dedupeKey: `bulk:${op!.id}`, maxAttempts: 10 });
  return op!.id;
}

function revive(stored: StoredAction): BulkAction {
  return (stored.kind === "task" ? { ...stored, deadline: new Date(stored.deadline!) } : stored) as BulkAction;
}

/**
 * Does the next chunk. The chunk's changes and the advance of `processed` commit together, so
 * after a crash the operation resumes exactly where it stopped: no deal is done twice.
 * Returns false when nothing is left.
 */
export async function processNextChunk(db: Db, operationId: number, chunkSize?: number): Promise<boolean> {
  return db.transaction(async (tx0) => {
    const tx = tx0 as unknown as Db;
    const [op] = await tx.select().from(bulkOperations).where(eq(bulkOperations.id, operationId)).for("update");
    if (!op || op.status === "done" || op.status === "failed") return false;
    if (op.processed >= op.total) {
      await tx.update(bulkOperations).set({ status: "done", finishedAt: new Date(), dealIds: [] }).where(eq(bulkOperations.id, op.id));
      return false;
    }
    // Permissions as they are now: a role changed meanwhile applies to the rest.
    const viewer = await viewerFor(tx, op.userId);
    if (!viewer || viewer.orgId !== op.orgId) {
      await tx.update(bulkOperations).set({ status: "failed", finishedAt: new Date(), dealIds: [] }).where(eq(bulkOperations.id, op.id));
      return false;
    }
    const action = revive(op.action as StoredAction);
    const size = chunkSize ?? (action.kind === "responsible" || action.kind === "opened" ? FIELD_CHANGE_CHUNK : CHUNK);
    const chunk = op.dealIds.slice(op.processed, op.processed + size);
    const result = await applyBulk(tx, viewer, action, chunk);
    const refusals = [...op.refusals, ...result.refused].slice(0, REFUSALS_KEPT);
    const processed = op.processed + chunk.length;
    await tx
      .update(bulkOperations)
      .set({
        status: processed >= op.total ? "done" : "running",
        processed,
        changed: sql`${bulkOperations.changed} + ${result.changed}`,
        unchanged: sql`${bulkOperations.unchanged} + ${result.unchanged}`,
        refused: sql`${bulkOperations.refused} + ${result.refused.length}`,
        refusals,
        finishedAt: processed >= op.total ? new Date() : null,
        // The list of deals is the operation's largest part and nothing reads it once it is over.
        ...(processed >= op.total ? { dealIds: [] } : {}),
      })
      .where(and(eq(bulkOperations.id, op.id), eq(bulkOperations.processed, op.processed)));
    return processed < op.total;
  });
}

export function registerBulkJob(): void {
  registerJobHandler(
    BULK_JOB,
    async (job, db) => {
      const operationId = Number(job.payload.operationId);
      let chunks = 0;
      while (await processNextChunk(db, operationId)) chunks++;
      return { operationId, chunks };
    },
    // Out of attempts (an error each time, or its worker died): the progress page stops waiting. Chunks done stay done.
    { onGiveUp: (job, db) => stopOperation(db, Number(job.payload.operationId)) },
  );
}

async function stopOperation(db: Db, operationId: number): Promise<void> {
  await db
    .update(bulkOperations)
    .set({ status: "failed", finishedAt: new Date(), dealIds: [] })
    .where(and(eq(bulkOperations.id, operationId), inArray(bulkOperations.status, ["queued", "running"])));
}

/** Bulk operations finished more than `seconds` ago: their progress pages then answer 404 (index bulk_operations_finished_idx). */
export function finishedBulkOperations(seconds: number): Expiring {
  return { table: bulkOperations, where: sql`status in ('done', 'failed') and ${olderThan("finished_at", seconds)}`, oldest: sql`finished_at` };
}

export async function getBulkOperation(db: Db, viewer: Viewer, id: number) {
  const [op] = await db
    .select({
      id: bulkOperations.id,
      userId: bulkOperations.userId,
      total: bulkOperations.total,
      processed: bulkOperations.processed,
      changed: bulkOperations.changed,
      unchanged: bulkOperations.unchanged,
      refused: bulkOperations.refused,
      refusals: bulkOperations.refusals,
      status: bulkOperations.status,
      createdAt: bulkOperations.createdAt,
    })
    .from(bulkOperations)
    .where(and(eq(bulkOperations.orgId, viewer.orgId), eq(bulkOperations.id, id)));
  // One's own operations; administrators see everyone's.
  return op && (op.userId === viewer.id || viewer.access.superuser) ? op : null;
}
