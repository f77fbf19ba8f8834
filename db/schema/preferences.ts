import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { orgs, users } from "./orgs";

/** A user's own settings by key (e.g. "deals.list.columns"). */
export const userSettings = pgTable(
  "user_settings",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: jsonb().$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Named filters a user saved for a list. */
export const listPresets = pgTable(
  "list_presets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    list: text().notNull(),
    name: text().notNull(),
    query: text().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("list_presets_user_idx").on(t.orgId, t.userId, t.list)],
);

/** An uploaded import file between upload, mapping, preview and commit. */
export const dealImports = pgTable(
  "deal_imports",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    filename: text().notNull(),
    header: jsonb().$type<string[]>().notNull(),
    rows: jsonb().$type<string[][]>().notNull(),
    /** The line of the file each row starts on (blank lines and line breaks in cells counted). */
    lines: jsonb().$type<number[]>().notNull().default([]),
    /** Column index → field ("ignore" for none). */
    mapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    createMissing: integer("create_missing").notNull().default(0),
    /** How the file writes numbers: "vi" 1.234.567,89, "en" 1,234,567.89, "auto" judged from its amounts. */
    numberFormat: text("number_format").$type<"auto" | "vi" | "en">().notNull().default("auto"),
    status: text().$type<"uploaded" | "queued" | "running" | "done">().notNull().default("uploaded"),
    imported: integer().notNull().default(0),
    // Rows created so far by a running import (reported from outside its transaction).
    processed: integer().notNull().default(0),
    /** Why the last commit was refused (a message key and its variables); the file can be fixed and checked again. */
    error: jsonb().$type<{ key: string; vars?: Record<string, string | number> } | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("deal_imports_org_user_idx").on(t.orgId, t.userId),
    // Done imports and uploads never imported are deleted once kept long enough (lib/import/import-job.ts).
    index("deal_imports_finished_idx").on(t.finishedAt).where(sql`${t.status} = 'done'`),
    index("deal_imports_uploaded_idx").on(t.createdAt).where(sql`${t.status} = 'uploaded'`),
  ],
);
