import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, type MessageChannel } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { enqueueJob } from "@/lib/jobs/queue";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import { isEmailAddress } from "./email-address";
import { assertWithinLimits } from "./limits";
import { normalizePhone } from "./phone";
import { smsSegments } from "./sms-segments";
import type { MessageAttachment } from "./attachments";

export const MESSAGE_JOB = "messaging.send";

export type QueueMessageInput = {
  orgId: number;
  dealId: number | null;
  channel: MessageChannel;
  /** An e-mail address, or a phone number as people write it (normalised to E.164 here). */
  recipient: string;
  /** E-mail only. */
  subject?: string | null;
  body: string;
  /** E-mail only: `body` is HTML (its text part is derived from it). */
  html?: boolean;
  /** One per thing that sends (e.g. "run:123"): queueing the same key again returns the first message. */
  idempotencyKey: string;
  createdById?: number | null;
  /** E-mail only: a quote's or invoice's PDF, made when the message is sent (attachments.ts). */
  attachment?: MessageAttachment;
};

const sendJob = (orgId: number, id: number) => ({ type: MESSAGE_JOB, orgId, payload: { messageId: id, orgId }, dedupeKey: `message:${id}` });

/**
 * Records an outgoing message and enqueues its sending, in the caller's transaction: committed
 * together with what caused it, or not at all. Queueing a key the org used already returns that
 * message (`created: false`) and queues nothing, so a robot run retried after a crash never makes
 * a second message. Refuses (ActionError "invalid") an address or phone that cannot be sent to,
 * an empty message, and a message over the hour's limits (limits.ts).
 */
export async function queueMessage(db: Db, input: QueueMessageInput, now = new Date()): Promise<{ id: number; created: boolean }> {
  const existing = await findByKey(db, input.orgId, input.idempotencyKey);
  if (existing) return { id: existing, created: false };
  const recipient = checkedRecipient(input.channel, input.recipient);
  const body = input.body;
  if (!body.trim()) throw new ActionError("invalid", "messaging.errors.emptyBody");
  await assertWithinLimits(db, { orgId: input.orgId, dealId: input.dealId, channel: input.channel }, now);
  const meta: Record<string, unknown> = input.channel === "sms" ? { ...smsSegments(body) } : { html: Boolean(input.html), ...(input.attachment ? { attachment: input.attachment } : {}) };
  const [row] = await db
    .insert(messages)
    .values({
      orgId: input.orgId,
      dealId: input.dealId,
      channel: input.channel,
      recipient,
      subject: input.channel === "email" ? (input.subject ?? "").trim() : null,
      body,
      idempotencyKey: input.idempotencyKey,
      meta,
      createdById: input.createdById ?? null,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [messages.orgId, messages.idempotencyKey] })
    .returning({ id: messages.id });
  // Another transaction queued the same key meanwhile (it committed first): that one stands.
  if (!row) return { id: (await findByKey(db, input.orgId, input.idempotencyKey))!, created: false };
  await enqueueJob(db, sendJob(input.orgId, row.id));
  return { id: row.id, created: true };
}

/**
 * Sends a failed message again (the execution log's "retry"): back to queued, with a new job.
 * False when it is not failed (queued, sending or sent: nothing to retry).
 */
export async function retryMessage(db: Db, orgId: number, id: number): Promise<boolean> {
  const [row] = await db
    .update(messages)
    .set({ status: "queued", error: null })
    .where(and(eq(messages.orgId, orgId), eq(messages.id, id), eq(messages.status, "failed")))
    .returning({ id: messages.id });
  if (!row) return false;
  await enqueueJob(db, sendJob(orgId, id));
  return true;
}

/** Settings → Outbox's "send again": administrators only (as the outbox itself); a message that is not failed is refused. */
export async function retryFailedMessage(db: Db, viewer: Viewer, id: number): Promise<void> {
  requireSetUp(viewer);
  if (!(await retryMessage(db, viewer.orgId, id))) throw new ActionError("invalid", "messaging.errors.notFailed");
}

async function findByKey(db: Db, orgId: number, key: string): Promise<number | null> {
  const [row] = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.orgId, orgId), eq(messages.idempotencyKey, key)));
  return row?.id ?? null;
}

/** The recipient as it will be stored and sent: a checked address, or the phone in E.164. */
function checkedRecipient(channel: MessageChannel, recipient: string): string {
  const value = recipient.trim();
  if (channel === "email") {
    if (!value) throw new ActionError("invalid", "messaging.errors.noEmail");
    if (!isEmailAddress(value)) throw new ActionError("invalid", "messaging.errors.invalidEmail", { value });
    return value;
  }
  if (!value) throw new ActionError("invalid", "messaging.errors.noPhone");
  const phone = normalizePhone(value);
  if (!phone) throw new ActionError("invalid", "messaging.errors.invalidPhone", { value });
  return phone;
}
