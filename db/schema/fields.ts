import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs } from "./orgs";

export const customFieldTypes = ["string", "integer", "decimal", "boolean", "date", "datetime", "money", "url", "address", "enumeration", "employee", "crm"] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export type EnumOption = { id: number; label: string };
/** Per type: string {multiline}, decimal {precision}, enumeration {options}, crm {target}. */
export type CustomFieldSettings = {
  multiline?: boolean;
  precision?: number;
  options?: EnumOption[];
  target?: "company" | "contact" | "deal";
};

/**
 * The org's custom deal fields (the reference's UF_CRM_*). Values live in deals.custom under the
 * field's code, typed by lib/fields/values.ts.
 */
export const customFields = pgTable(
  "custom_fields",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    code: text().notNull(),
    label: text().notNull(),
    type: text().$type<CustomFieldType>().notNull(),
    settings: jsonb().$type<CustomFieldSettings>().notNull().default({}),
    multiple: boolean().notNull().default(false),
    mandatory: boolean().notNull().default(false),
    showInFilter: boolean("show_in_filter").notNull().default(false),
    showInList: boolean("show_in_list").notNull().default(false),
    sort: integer().notNull().default(100),
    /** Who may see and change the field's values: null is everyone; else these users and departments (administrators always). */
    visibleTo: jsonb("visible_to").$type<{ users: number[]; departments: number[] }>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("custom_fields_org_code_uq").on(t.orgId, t.code)],
);
