import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./orgs";
import { pipelines, stages } from "./pipelines";

/** One field of a web form: a contact field ("name", "phone", "email", "company", "comment") or a deal custom field ("uf.CODE"). */
export type WebFormField = { key: string; required: boolean };

/**
 * A public form (Settings → Web forms) anyone may fill in at /forms/<secret>: it creates a contact
 * and a deal (source WEBFORM) in `stage_id`, for `responsible_id`, acting as `author_id` (the
 * administrator who saved it last, whose permissions are checked then and on every submission).
 */
export const webForms = pgTable(
  "web_forms",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    pipelineId: integer("pipeline_id").notNull().references(() => pipelines.id, { onDelete: "cascade" }),
    stageId: integer("stage_id").notNull().references(() => stages.id, { onDelete: "cascade" }),
    responsibleId: integer("responsible_id").notNull().references(() => users.id),
    fields: jsonb().$type<WebFormField[]>().notNull().default([]),
    // Shown on the thank-you page instead of the standard text, when set.
    thanks: text(),
    // The public URL's token: 32 random bytes, base64url.
    secret: text().notNull(),
    enabled: boolean().notNull().default(true),
    authorId: integer("author_id").notNull().references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("web_forms_secret_uq").on(t.secret), index("web_forms_org_idx").on(t.orgId, t.id)],
);

/**
 * Fixed-window counters for what strangers may do (web form submissions per address, calls of an
 * incoming webhook per trigger): one row per key, bumped by one upsert, so app processes share them.
 * Not a tenant table: keys name an address or a trigger. Old windows are pruned by a recurring job.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer().notNull(),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStart)],
);
