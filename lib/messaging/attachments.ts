import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents } from "@/db/schema";
import { documentContents } from "@/lib/documents/contents";
import { documentFileName, renderDocumentPdf } from "@/lib/documents/pdf";
import { isLocale, type Locale } from "@/lib/i18n/translate";
import { DeliveryError } from "./transports/delivery";
import type { EmailAttachment } from "./transports/smtp";

/** What a queued e-mail attaches, kept in its meta: a document's PDF, rendered when it is sent. */
export type MessageAttachment = { kind: "document"; documentId: number; locale: Locale };

/**
 * The files of a message as the send job attaches them. The message was queued by someone allowed
 * to send the document (lib/documents/send.ts); a document deleted since fails the message for good.
 */
export async function attachmentsOf(db: Db, orgId: number, attachment: unknown): Promise<EmailAttachment[]> {
  if (!attachment || typeof attachment !== "object") return [];
  const { kind, documentId, locale } = attachment as Partial<MessageAttachment>;
  if (kind !== "document" || typeof documentId !== "number") return [];
  const [document] = await db.select().from(documents).where(and(eq(documents.orgId, orgId), eq(documents.id, documentId)));
  if (!document) throw new DeliveryError("The attached document no longer exists.", true);
  const content = await renderDocumentPdf({ document, ...(await documentContents(db, document)), locale: isLocale(locale) ? locale : "vi" });
  return [{ filename: documentFileName(document.number), content, contentType: "application/pdf" }];
}
