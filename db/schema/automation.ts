import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./orgs";
import { pipelines, stages } from "./pipelines";
import { deals } from "./deals";

/**
 * A robot: work a deal starts by entering a stage (send an e-mail, set a task, move it on…).
 * `config`, `timing` and `condition` are validated by lib/automation (zod) when saved and read.
 * It acts with the permissions of `author_id`, the user who saved it last.
 */
export const robots = pgTable(
  "robots",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    pipelineId: integer("pipeline_id").notNull().references(() => pipelines.id, { onDelete: "cascade" }),
    stageId: integer("stage_id").notNull().references(() => stages.id, { onDelete: "cascade" }),
    sort: integer().notNull().default(100),
    name: text().notNull(),
    kind: text().notNull(),
    config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    timing: jsonb().$type<Record<string, unknown>>().notNull().default({ mode: "now" }),
    condition: jsonb().$type<Record<string, unknown> | null>(),
    // A pending run is cancelled when the deal leaves the stage first, unless this is set.
    keepOnLeave: boolean("keep_on_leave").notNull().default(false),
    enabled: boolean().notNull().default(true),
    authorId: integer("author_id").notNull().references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("robots_stage_idx").on(t.stageId, t.sort, t.id), index("robots_org_pipeline_idx").on(t.orgId, t.pipelineId)],
);

/** A trigger: an event that moves a deal to the trigger's stage (a field changed, a web form, a webhook…). */
export const automationTriggers = pgTable(
  "automation_triggers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    pipelineId: integer("pipeline_id").notNull().references(() => pipelines.id, { onDelete: "cascade" }),
    stageId: integer("stage_id").notNull().references(() => stages.id, { onDelete: "cascade" }),
    sort: integer().notNull().default(100),
    name: text().notNull(),
    kind: text().notNull(),
    config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    condition: jsonb().$type<Record<string, unknown> | null>(),
    // Moving a deal back to an earlier stage of its pipeline is allowed only when this is set.
    allowBackwards: boolean("allow_backwards").notNull().default(false),
    // For triggers reached from outside (incoming webhook, web form): the URL's secret.
    secret: text(),
    enabled: boolean().notNull().default(true),
    authorId: integer("author_id").notNull().references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automation_triggers_org_kind_idx").on(t.orgId, t.kind), uniqueIndex("automation_triggers_secret_uq").on(t.secret)],
);

export type AutomationRunStatus = "waiting" | "pending" | "running" | "ran" | "skipped" | "failed" | "cancelled";

/**
 * One robot's run on one deal, or one trigger firing: the execution log, and the outbox a stage
 * change writes in its own transaction. Its id is the idempotency key of whatever it sends.
 * "waiting": after the previous robot of the stage; "pending": due at `due_at`, a job holds it.
 */
export const automationRuns = pgTable(
  "automation_runs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").notNull().references(() => deals.id, { onDelete: "cascade" }),
    robotId: integer("robot_id").references(() => robots.id, { onDelete: "set null" }),
    triggerId: integer("trigger_id").references(() => automationTriggers.id, { onDelete: "set null" }),
    // The name and kind when it ran: the log stays readable after the robot is edited or deleted.
    name: text().notNull(),
    kind: text().notNull(),
    stageId: integer("stage_id").notNull(),
    status: text().$type<AutomationRunStatus>().notNull().default("pending"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    // How many robot-made stage changes led here; a bounded depth stops loops.
    depth: integer().notNull().default(0),
    // Skipped: the condition that failed; failed: the reason; ran: what was done.
    detail: text(),
    attempts: integer().notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("automation_runs_deal_idx").on(t.dealId, t.id.desc()),
    index("automation_runs_org_idx").on(t.orgId, t.id.desc()),
    index("automation_runs_open_idx").on(t.dealId, t.stageId).where(sql`${t.status} in ('waiting', 'pending')`),
  ],
);
