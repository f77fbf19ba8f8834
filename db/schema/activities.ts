import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
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
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedById: integer("completed_by_id").references(() => users.id, { onDelete: "set null" }),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("activities_org_deal_idx").on(t.orgId, t.dealId, t.deadline),
    // Open activities by responsible and deadline: the "overdue" and "pending" counters.
    index("activities_open_org_responsible_deadline_idx")
      .on(t.orgId, t.responsibleId, t.deadline)
      .where(sql`not ${t.completed}`),
  ],
);
