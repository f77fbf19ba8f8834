import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals, documents, notifications, type DocumentStatus } from "@/db/schema";
import { documentContents } from "./contents";
import { ActionError } from "@/lib/actions/errors";
import { onDocumentEvent } from "@/lib/automation/triggers/detect";
import type { Viewer } from "@/lib/permissions";
import { readersAmong } from "@/lib/permissions/readers";
import { lockDocumentForUpdate } from "./access";
import { recordInHistory } from "./service";
import { customStatuses } from "./statuses";
import { waitingStatuses } from "./status-set";

/** How long a link sent to a client stays valid. */
export const PUBLIC_LINK_DAYS = 30;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new link for the client (192 random bits; only its hash is kept, so the token is shown once):
 * it replaces the document's previous link, which stops working.
 */
export async function createPublicLink(db: Db, viewer: Viewer, id: number, at = new Date(), days = PUBLIC_LINK_DAYS): Promise<{ token: string; expiresAt: Date }> {
  await lockDocumentForUpdate(db, viewer, id);
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(at.getTime() + days * 86_400_000);
  await db.update(documents).set({ publicTokenHash: hashOf(token), publicExpiresAt: expiresAt }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
  return { token, expiresAt };
}

export async function revokePublicLink(db: Db, viewer: Viewer, id: number): Promise<void> {
  await lockDocumentForUpdate(db, viewer, id);
  await db.update(documents).set({ publicTokenHash: null, publicExpiresAt: null }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
}

/**
 * The document a client's link opens, or null: unknown, revoked and expired links all answer the
 * same. What it returns is what the client may see: the document, its rows and its seller; never
 * the deal, the payments' notes or anyone's name but the seller's.
 */
export async function documentByToken(db: Db, token: string, at = new Date(), { forUpdate = false } = {}) {
  if (!TOKEN.test(token)) return null;
  const query = db
    .select()
    .from(documents)
    .where(and(eq(documents.publicTokenHash, hashOf(token)), gt(documents.publicExpiresAt, at)));
  const [document] = forUpdate ? await query.for("update") : await query;
  if (!document) return null;
  return { document, ...(await documentContents(db, document)) };
}

/**
 * The client's answer to a quote, through its link: approved or declined with a comment. The
 * status changes (in the deal's history, with no author), the responsible is told, and an
 * approval fires the pipeline's "quote approved" triggers. A quote already answered stays.
 */
export async function answerQuote(db: Db, token: string, answer: Extract<DocumentStatus, "approved" | "declined">, comment: string, at = new Date()): Promise<void> {
  const found = await documentByToken(db, token, at);
  if (!found) throw new ActionError("notFound", "documents.public.invalid");
  // The lock order: the deal first, then the document.
  const [deal] = await db.select().from(deals).where(and(eq(deals.orgId, found.document.orgId), eq(deals.id, found.document.dealId))).for("update");
  const locked = await documentByToken(db, token, at, { forUpdate: true });
  if (!deal || !locked) throw new ActionError("notFound", "documents.public.invalid");
  const { document } = locked;
  if (document.kind !== "quote" || !waitingStatuses("quote", await customStatuses(db, document.orgId)).includes(document.status)) throw new ActionError("invalid", "documents.public.alreadyAnswered");
  await db.update(documents).set({ status: answer, clientComment: comment || null, version: document.version + 1, updatedAt: at }).where(and(eq(documents.orgId, document.orgId), eq(documents.id, document.id)));
  await recordInHistory(db, { orgId: document.orgId, id: null }, document, document.status, answer, at);
  const told = document.responsibleId ? await readersAmong(db, deal, [document.responsibleId]) : [];
  if (told.length) {
    await db
      .insert(notifications)
      .values(told.map((userId) => ({ orgId: document.orgId, userId, kind: "document" as const, dealId: deal.id, data: { dealTitle: deal.title, number: document.number, status: answer, comment: comment.slice(0, 280) }, key: `quote-answer:${document.id}:${document.version + 1}:${userId}`, createdAt: at })))
      .onConflictDoNothing();
  }
  if (answer === "approved") await onDocumentEvent(db, document.orgId, deal, "quoteApproved");
}
