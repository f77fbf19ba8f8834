import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { lockDeal } from "@/lib/deals/service";
import { amountsHidden, can, type Viewer } from "@/lib/permissions";

export type DocumentRow = typeof documents.$inferSelect;

/**
 * Locks a document and its deal for a write (the deal first: the lock order of lib/deals/locks.ts).
 * The document follows its deal: one the viewer may not read is "not found", exactly like one that
 * does not exist; changing it needs the right to change the deal and to see its amounts.
 */
export async function lockDocumentForUpdate(db: Db, viewer: Viewer, id: number): Promise<{ document: DocumentRow; deal: Awaited<ReturnType<typeof lockDeal>> }> {
  const [ref] = await db.select({ dealId: documents.dealId }).from(documents).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
  if (!ref) throw new ActionError("notFound", "errors.notFound");
  const deal = await lockDeal(db, viewer, ref.dealId);
  if (!can(viewer, "UPDATE", deal) || amountsHidden(viewer, deal.pipelineId)) throw new ActionError("forbidden", "errors.forbidden");
  const [document] = await db.select().from(documents).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id))).for("update");
  if (!document) throw new ActionError("notFound", "errors.notFound");
  return { document, deal };
}
