import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { recordSentEmail } from "@/lib/activities/service";
import { lockDealRows } from "@/lib/deals/locks";
import { registerJobHandler, type Job } from "@/lib/jobs/queue";
import { attachmentsOf } from "./attachments";
import { getEmailSettings } from "./email-settings";
import { htmlToText } from "./html-text";
import { messageIdFor } from "./message-id";
import { MESSAGE_JOB } from "./queue";
import { smsSegments } from "./sms-segments";
import { deliverEmail, deliverSms } from "./transports/deliver";
import { DeliveryError, type Delivery } from "./transports/delivery";

type Message = typeof messages.$inferSelect;
export type SendOutcome = "sent" | "failed" | "skipped";

/**
 * Sends one queued message (the "messaging.send" job). Idempotent: a message already sent (or
 * given up) is left alone. Marking it "sending" (attempts + 1) is committed before the transport
 * is called, and no transaction is open while it talks to a server. A crash between the send and
 * its record sends again on the retry, with the same Message-ID / Idempotency-Key, which is what
 * lets the receiving side drop the copy. Then, in one transaction, the message is marked sent and
 * an e-mail about a deal becomes an activity on its timeline: once, whatever retries.
 * A permanent refusal fails the message at once; anything else throws, and the job queue retries
 * with backoff (lib/jobs/backoff.ts) until its last attempt, when onMessageGivenUp fails it.
 */
export async function sendQueuedMessage(db: Db, orgId: number, messageId: number, now = () => new Date()): Promise<SendOutcome> {
  const [message] = await db
    .update(messages)
    .set({ status: "sending", attempts: sql`${messages.attempts} + 1` })
    .where(and(eq(messages.orgId, orgId), eq(messages.id, messageId), ne(messages.status, "sent"), ne(messages.status, "failed")))
    .returning();
  if (!message) return "skipped";
  let delivery: Delivery;
  try {
    delivery = await deliver(db, message);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof DeliveryError && error.permanent;
    await db
      .update(messages)
      .set({ status: permanent ? "failed" : "queued", error: reason.slice(0, 2000) })
      .where(and(eq(messages.id, message.id), ne(messages.status, "sent")));
    if (permanent) return "failed";
    throw error;
  }
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    if (message.dealId !== null) await lockDealRows(tx, orgId, [message.dealId]);
    const [current] = await tx.select().from(messages).where(eq(messages.id, message.id)).for("update");
    if (!current || current.status === "sent") return;
    const at = now();
    const meta: Record<string, unknown> = { ...current.meta, ...delivery.meta };
    if (current.channel === "email" && current.dealId !== null) {
      const activityId = await recordSentEmail(tx, {
        orgId,
        dealId: current.dealId,
        subject: current.subject || firstLine(plainText(current)),
        description: `→ ${current.recipient}\n\n${plainText(current)}`,
        authorId: current.createdById,
        at,
      });
      if (activityId !== null) meta.activityId = activityId;
    }
    await tx.update(messages).set({ status: "sent", sentAt: at, transport: delivery.transport, error: null, meta }).where(eq(messages.id, current.id));
  });
  return "sent";
}

async function deliver(db: Db, message: Message): Promise<Delivery> {
  if (message.channel === "sms") {
    const delivery = await deliverSms({ to: message.recipient, text: message.body, idempotencyKey: idempotencyHeader(message) });
    return { ...delivery, meta: { ...delivery.meta, ...smsSegments(message.body) } };
  }
  const { from, replyTo } = await getEmailSettings(db, message.orgId);
  const html = message.meta.html === true ? message.body : null;
  const attachments = await attachmentsOf(db, message.orgId, message.meta.attachment);
  return deliverEmail({ from, replyTo, to: message.recipient, subject: message.subject ?? "", text: plainText(message), html, messageId: messageIdFor(message.orgId, message.idempotencyKey), attachments });
}

/** The gateway's Idempotency-Key: the org's key made unique across orgs. */
const idempotencyHeader = (message: Message) => `${message.orgId}:${message.idempotencyKey}`;

const plainText = (message: Pick<Message, "body" | "meta">) => (message.meta.html === true ? htmlToText(message.body) : message.body);
const firstLine = (text: string) => (text.split("\n").find((line) => line.trim()) ?? "").trim().slice(0, 200);

/** The job's last attempt failed, or its worker died on it: the message fails with the last reason. */
export async function onMessageGivenUp(job: Job, db: Db): Promise<void> {
  const messageId = Number(job.payload.messageId);
  const orgId = Number(job.payload.orgId);
  await db
    .update(messages)
    // Still "sending": the worker died mid-send, and the job knows why. Otherwise the failed attempt wrote its reason.
    .set({ status: "failed", error: sql`case when ${messages.status} = 'sending' or ${messages.error} is null then coalesce(${job.lastError}::text, 'gave up') else ${messages.error} end` })
    .where(and(eq(messages.orgId, orgId), eq(messages.id, messageId), ne(messages.status, "sent")));
}

/** Registers the "messaging.send" handler with the job queue (lib/jobs/worker.ts calls it). */
export function registerMessageJob(): void {
  registerJobHandler(MESSAGE_JOB, (job, db) => sendQueuedMessage(db, Number(job.payload.orgId), Number(job.payload.messageId)), { onGiveUp: onMessageGivenUp });
}
