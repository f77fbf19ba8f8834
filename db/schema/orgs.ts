import { sql } from "drizzle-orm";
import { boolean, char, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const orgs = pgTable("orgs", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  baseCurrency: char("base_currency", { length: 3 }).notNull().default("VND"),
  timezone: text().notNull().default("Asia/Ho_Chi_Minh"),
  defaultLocale: text("default_locale").notNull().default("vi"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Departments form a tree (parent_id); a head is one of its users. */
export const departments = pgTable(
  "departments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    parentId: integer("parent_id"),
    headUserId: integer("head_user_id"),
    sort: integer().notNull().default(100),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onDelete("set null"),
    index("departments_org_parent_idx").on(t.orgId, t.parentId),
  ],
);

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text("password_hash").notNull(),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "set null" }),
    isAdmin: boolean("is_admin").notNull().default(false),
    title: text(),
    active: boolean().notNull().default(true),
    /** Copied into the session token at sign-in; signing out increments it, so every earlier token stops working. */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Sign-in looks a user up by e-mail, case-insensitively, across orgs.
    uniqueIndex("users_email_uq").on(sql`lower(${t.email})`),
    index("users_org_idx").on(t.orgId, t.name),
  ],
);

/** How many units of the org's base currency one unit of `currency` is worth: totals across currencies. */
export const currencyRates = pgTable(
  "currency_rates",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    currency: char({ length: 3 }).notNull(),
    rate: numeric({ precision: 24, scale: 10 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.currency] })],
);

/** Settings that apply to everyone in an org, by key (e.g. "deals.board.fields"). */
export const orgSettings = pgTable(
  "org_settings",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: jsonb().$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);
