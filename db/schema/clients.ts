import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { orgs, users } from "./orgs";

/** A phone or e-mail with its kind, as the reference keeps them (WORK, MOBILE, HOME…). */
export type Communication = { value: string; kind: string };

export const companies = pgTable(
  "companies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    title: text().notNull(),
    phones: jsonb().$type<Communication[]>().notNull().default([]),
    emails: jsonb().$type<Communication[]>().notNull().default([]),
    address: text(),
    assignedById: integer("assigned_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("companies_org_title_idx").on(t.orgId, t.title),
    // An incoming e-mail finds its sender's company by address, whatever the case it was typed in.
    index("companies_emails_lower_idx").using("gin", sql`(lower(${t.emails}::text)::jsonb) jsonb_path_ops`),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    lastName: text("last_name"),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    position: text(),
    phones: jsonb().$type<Communication[]>().notNull().default([]),
    emails: jsonb().$type<Communication[]>().notNull().default([]),
    assignedById: integer("assigned_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contacts_org_name_idx").on(t.orgId, t.lastName, t.name),
    index("contacts_org_company_idx").on(t.orgId, t.companyId),
    // An incoming e-mail finds its sender by address, whatever the case it was typed in.
    index("contacts_emails_lower_idx").using("gin", sql`(lower(${t.emails}::text)::jsonb) jsonb_path_ops`),
  ],
);
