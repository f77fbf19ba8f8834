import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs } from "./orgs";

export const customFieldTypes = ["string", "integer", "decimal", "boolean", "date", "datetime", "money", "url", "address", "enumeration", "employee", "crm", "file"] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export type EnumOption = { id: number; label: string };
/** Per type: string {multiline}, decimal {precision}, enumeration {options}, crm {target}. */
export type CustomFieldSettings = {
  multiline?: boolean;
  precision?: number;
  options?: EnumOption[];
  target?: "company" | "contact" | "deal";
  /** file: the largest file in MB, and the extensions accepted (lower case, without the dot). */
  maxSizeMb?: number;
  extensions?: string[];
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

/** Files uploaded into custom fields; the bytes live in the file storage (lib/files/storage.ts) under `key`. */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    /** The custom field it was uploaded into: who may download it follows that field and the deals holding it. */
    fieldCode: text("field_code").notNull(),
    key: text().notNull(),
    name: text().notNull(),
    type: text().notNull(),
    size: integer().notNull(),
    createdById: integer("created_by_id"),
    /**
     * The deal it was uploaded into, set when that deal is saved (null until then): a file value
     * may reference only a file of its own deal and field, or the user's own upload not yet held.
     */
    dealId: integer("deal_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stored_files_key_uq").on(t.key)],
);
