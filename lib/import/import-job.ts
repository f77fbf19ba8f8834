import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealImports, orgs } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { isLocale, translator } from "@/lib/i18n/translate";
import { enqueueJob, registerJobHandler } from "@/lib/jobs/queue";
import { olderThan, type Expiring } from "@/lib/jobs/retention";
import { viewerFor } from "@/lib/permissions/load";
import { checkRows, commitRows } from "./deal-import";

export const IMPORT_JOB = "deals.import";

/**
 * How a running import tells the progress page how far it got. Its rows are written in one
 * transaction (all or nothing), so progress goes around it: on PostgreSQL through another
 * pooled connection; on PGlite (one connection, one process) in this process's memory.
 */
const memory = new Map<number, number>();
export type ProgressReporter = (db: Db, importId: number, processed: number) => Promise<void>;
export const reportThroughDatabase: ProgressReporter = async (db, importId, processed) => {
  await db.update(dealImports).set({ processed }).where(eq(dealImports.id, importId));
};
export const reportInMemory: ProgressReporter = async (_db, importId, processed) => {
  memory.set(importId, processed);
};
export function progressOf(upload: { id: number; processed: number }): number {
  return Math.max(upload.processed, memory.get(upload.id) ?? 0);
}

export async function queueImport(db: Db, orgId: number, importId: number): Promise<void> {
  await db.update(dealImports).set({ status: "queued", processed: 0, error: null }).where(eq(dealImports.id, importId));
  await enqueueJob(db, { type: IMPORT_JOB, orgId, payload: { importId }, dedupeKey: `import:${importId}`, maxAttempts: 3 });
}

/** Runs one queued import: checks every row again (data may have changed) and creates them all, or none. */
export async function runImport(db: Db, importId: number, report: ProgressReporter): Promise<{ imported: number } | { refused: string }> {
  const [upload] = await db.select().from(dealImports).where(eq(dealImports.id, importId));
  if (!upload || upload.status === "done" || upload.status === "uploaded") return { refused: "not queued" };
  await db.update(dealImports).set({ status: "running" }).where(eq(dealImports.id, importId));
  const viewer = await viewerFor(db, upload.userId);
  const [org] = await db.select({ locale: orgs.defaultLocale }).from(orgs).where(eq(orgs.id, upload.orgId));
  const t = translator(isLocale(org?.locale) ? org.locale : "en");
  try {
    if (!viewer || viewer.orgId !== upload.orgId) throw new ActionError("forbidden", "errors.forbidden");
    const imported = await db.transaction(async (tx0) => {
      const tx = tx0 as unknown as Db;
      // Two runs of one import (a lost lock) cannot both get here: the second waits, then sees it done.
      // An advisory lock, not a row lock: progress is written to the row from another connection meanwhile.
      await tx.execute(sql`select pg_advisory_xact_lock(727003, ${importId})`);
      const [current] = await tx.select({ status: dealImports.status }).from(dealImports).where(eq(dealImports.id, importId));
      if (current?.status !== "running") throw new ActionError("invalid", "import.done");
      const checked = await checkRows(tx, viewer, upload.rows, upload.mapping, upload.createMissing === 1, upload.lines, upload.numberFormat);
      const count = await commitRows(tx, viewer, checked, (n) => t("deals.defaultTitle", { id: n }), (done) => report(db, importId, done));
      await tx.update(dealImports).set({ status: "done", imported: count, processed: count, finishedAt: new Date() }).where(and(eq(dealImports.id, importId), eq(dealImports.status, "running")));
      return count;
    });
    return { imported };
  } catch (error) {
    memory.delete(importId);
    if (error instanceof ActionError && error.messageKey === "import.done") return { refused: error.messageKey };
    // Nothing was written; the file goes back to the mapping step with the reason (never stuck "running").
    const reason = error instanceof ActionError ? { key: error.messageKey, vars: error.vars } : { key: "errors.unexpected" };
    await db.update(dealImports).set({ status: "uploaded", processed: 0, error: reason }).where(and(eq(dealImports.id, importId), eq(dealImports.status, "running")));
    if (!(error instanceof ActionError)) throw error;
    return { refused: error.messageKey };
  }
}

export function registerImportJob(report: ProgressReporter): void {
  registerJobHandler(IMPORT_JOB, (job, db) => runImport(db, Number(job.payload.importId), report), {
    // Its worker died on the last attempt: nothing was written (one transaction), so the file goes back to the mapping step.
    onGiveUp: async (job, db) => {
      const importId = Number(job.payload.importId);
      memory.delete(importId);
      await db
        .update(dealImports)
        .set({ status: "uploaded", processed: 0, error: { key: "errors.unexpected" } })
        .where(and(eq(dealImports.id, importId), inArray(dealImports.status, ["queued", "running"])));
    },
  });
}

/** Imports done more than `seconds` ago; their deals stay, the page then answers 404 (index deal_imports_finished_idx). */
export function finishedImports(seconds: number): Expiring {
  return { table: dealImports, where: sql`status = 'done' and ${olderThan("finished_at", seconds)}`, oldest: sql`finished_at` };
}

/** Uploads never imported within `seconds`, with the rows they hold (index deal_imports_uploaded_idx). */
export function abandonedUploads(seconds: number): Expiring {
  return { table: dealImports, where: sql`status = 'uploaded' and ${olderThan("created_at", seconds)}`, oldest: sql`created_at` };
}
