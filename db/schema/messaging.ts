import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./orgs";
import { deals } from "./deals";

export type MessageChannel = "email" | "sms";
export type MessageStatus = "queued" | "sending" | "sent" | "failed";

/**
 * Every outgoing e-mail and SMS, written before it is sent (queued → sending → sent / failed with
 * the reason). Without SMTP_URL / SMS_URL a message stays here as "sent to the outbox" and is
 * read in Settings → Outbox. `idempotency_key` (e.g. "run:123") makes a robot run send once.
 */
export const messages = pgTable(
  "messages",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").references(() => deals.id, { onDelete: "set null" }),
    channel: text().$type<MessageChannel>().notNull(),
    recipient: text().notNull(),
    subject: text(),
    body: text().notNull(),
    // "smtp", "http" (SMS gateway) or "outbox" (no server configured): where it went.
    transport: text(),
    status: text().$type<MessageStatus>().notNull().default("queued"),
    error: text(),
    attempts: integer().notNull().default(0),
    idempotencyKey: text("idempotency_key").notNull(),
    // SMS: the segment count; e-mail: Message-ID. What the provider answered, for support.
    meta: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("messages_idempotency_uq").on(t.orgId, t.idempotencyKey),
    index("messages_org_idx").on(t.orgId, t.id.desc()),
    index("messages_deal_idx").on(t.dealId),
    index("messages_rate_idx").on(t.orgId, t.channel, t.createdAt),
  ],
);
