import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { Locale } from "@/lib/i18n/translate";
import { queueMessage } from "@/lib/messaging/queue";
import type { Viewer } from "@/lib/permissions";
import { lockDocumentForUpdate } from "./access";
import { createPublicLink } from "./public-link";
import { recordInHistory } from "./service";
import { customStatuses } from "./statuses";
import { statusInfo } from "./status-set";

export type SendDocumentInput = { to: string; subject: string; body: string; includeLink: boolean; locale: Locale };

/**
 * E-mails a document to the client with its PDF attached (through SMTP, or the outbox), and,
 * when asked, a fresh link to read and answer it online. Queued in this transaction and sent by the
 * job queue; the e-mail lands on the deal's timeline when it is sent. A draft or new document
 * becomes "sent". The version in the form makes a double submit a stale refusal, not two e-mails.
 */
export async function sendDocumentByEmail(db: Db, viewer: Viewer, id: number, version: number, input: SendDocumentInput, origin: string, at = new Date()): Promise<{ messageId: number }> {
  const { document } = await lockDocumentForUpdate(db, viewer, id);
  if (document.version !== version) throw new ActionError("stale", "documents.errors.stale");
  if (statusInfo(document.kind, document.status, await customStatuses(db, viewer.orgId))?.semantics === "F") throw new ActionError("invalid", "documents.errors.cancelledNotSent");
  let body = input.body;
  if (input.includeLink) {
    const { token } = await createPublicLink(db, viewer, id, at);
    body = `${body.trimEnd()}\n\n${origin}/p/${token}`;
  }
  const { id: messageId } = await queueMessage(
    db,
    { orgId: viewer.orgId, dealId: document.dealId, channel: "email", recipient: input.to, subject: input.subject, body, idempotencyKey: `document:${id}:v${document.version}`, createdById: viewer.id, attachment: { kind: "document", documentId: id, locale: input.locale } },
    at,
  );
  const sent = document.status === "draft" || document.status === "new";
  await db
    .update(documents)
    .set({ version: document.version + 1, updatedAt: at, ...(sent ? { status: "sent" as const } : {}) })
    .where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
  if (sent) await recordInHistory(db, viewer, document, document.status, "sent", at);
  return { messageId };
}
