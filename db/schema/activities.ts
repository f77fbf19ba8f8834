import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { deals } from "./deals";
import { orgs, users } from "./orgs";

export type ActivityType = "call" | "meeting" | "task" | "email" | "todo";
export type ActivityDirection = "incoming" | "outgoing";

export const activities = pgTable(
  "activities",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").notNull().references(() => deals.id, { onDelete: "cascade" }),
    type: text().$type<ActivityType>().notNull(),
    direction: text().$type<ActivityDirection>(),
    subject: text().notNull(),
    description: text(),
    deadline: timestamp({ withTimezone: true }).notNull(),
    responsibleId: integer("responsible_id").notNull().references(() => users.id),
    completed: boolean().notNull().default(false),
    /** Minutes before the deadline at which the responsible is reminded (jobs of type "activity.reminder"). */
    reminders: integer().array().notNull().default(sql`'{}'::int[]`),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedById: integer("completed_by_id").references(() => users.id, { onDelete: "set null" }),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    modifiedById: integer("modified_by_id").references(() => users.id, { onDelete: "set null" }),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("activities_org_deal_idx").on(t.orgId, t.dealId, t.deadline),
    // Open activities by responsible and deadline: the "overdue" and "pending" counters.
    index("activities_open_org_responsible_deadline_idx")
      .on(t.orgId, t.responsibleId, t.deadline)
      .where(sql`not ${t.completed}`),
    // Done activities by the day they were done: the employees report's days around whole months.
    index("activities_done_org_at_idx").on(t.orgId, t.completedAt, t.responsibleId, t.dealId).where(sql`${t.completed}`),
  ],
);

export type NotificationKind = "reminder" | "mention" | "robot" | "document";

/** In-app notifications (the bell). `key` makes a delivery idempotent: a job that runs twice notifies once. */
export const notifications = pgTable(
  "notifications",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text().$type<NotificationKind>().notNull(),
    dealId: integer("deal_id"),
    activityId: integer("activity_id"),
    /** What the message needs (subject, deadline, author, excerpt), rendered in the reader's language. */
    data: jsonb().$type<Record<string, string | number>>().notNull().default({}),
    key: text().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_key_uq").on(t.key),
    index("notifications_user_idx").on(t.orgId, t.userId, t.createdAt.desc()),
    index("notifications_unread_idx").on(t.orgId, t.userId).where(sql`${t.readAt} is null`),
  ],
);
