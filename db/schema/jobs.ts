import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs } from "./orgs";

export type JobStatus = "queued" | "running" | "done" | "failed";

/** The one durable job queue: bulk actions, reminders and automation all run here. */
export const jobs = pgTable(
  "jobs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").references(() => orgs.id, { onDelete: "cascade" }),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: text().$type<JobStatus>().notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lastError: text("last_error"),
    // Enqueueing twice with the same key while one is pending is a no-op.
    dedupeKey: text("dedupe_key"),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    result: jsonb().$type<unknown>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_due_idx").on(t.runAt).where(sql`${t.status} = 'queued'`),
    index("jobs_running_lock_idx").on(t.lockedUntil).where(sql`${t.status} = 'running'`),
    uniqueIndex("jobs_dedupe_pending_uq").on(t.dedupeKey).where(sql`${t.status} in ('queued', 'running')`),
    // Finished jobs are deleted oldest first once kept long enough (lib/jobs/retention.ts).
    index("jobs_finished_idx").on(t.finishedAt).where(sql`${t.status} in ('done', 'failed')`),
  ],
);

/** A bulk action too large for one request: the deals are fixed when it starts and worked through in chunks. */
export const bulkOperations = pgTable(
  "bulk_operations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull(),
    action: jsonb().$type<Record<string, unknown>>().notNull(),
    dealIds: integer("deal_ids").array().notNull(),
    total: integer().notNull(),
    // How many of deal_ids are done; advanced in the same transaction as the chunk it covers.
    processed: integer().notNull().default(0),
    changed: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    refused: integer().notNull().default(0),
    refusals: jsonb().$type<{ id: number; title: string; reason: string; vars?: Record<string, string | number> }[]>().notNull().default([]),
    status: text().$type<"queued" | "running" | "done" | "failed">().notNull().default("queued"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("bulk_operations_org_user_idx").on(t.orgId, t.userId, t.createdAt.desc()),
    index("bulk_operations_finished_idx").on(t.finishedAt).where(sql`${t.status} in ('done', 'failed')`),
  ],
);
