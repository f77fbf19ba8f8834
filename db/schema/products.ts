import { sql } from "drizzle-orm";
import { boolean, char, foreignKey, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { deals } from "./deals";
import { orgs } from "./orgs";

/** A section of the catalogue (the reference's product sections, one level): what the best products report groups by. */
export const productSections = pgTable(
  "product_sections",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    id: integer().notNull().generatedAlwaysAsIdentity(),
    name: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("product_sections_org_name_uq").on(t.orgId, sql`lower(${t.name})`)],
);

export const products = pgTable(
  "products",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    sku: text(),
    price: numeric({ precision: 18, scale: 2 }).notNull().default("0"),
    currency: char({ length: 3 }).notNull().default("VND"),
    unit: text().notNull().default("pcs"),
    taxRate: numeric("tax_rate", { precision: 5, scale: 2 }),
    active: boolean().notNull().default(true),
    /** Its section of the catalogue; none when null. */
    sectionId: integer("section_id"),
  },
  (t) => [
    index("products_org_name_idx").on(t.orgId, t.name),
    foreignKey({ name: "products_section_fk", columns: [t.orgId, t.sectionId], foreignColumns: [productSections.orgId, productSections.id] }),
  ],
);

export const dealProducts = pgTable(
  "deal_products",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").notNull().references(() => deals.id, { onDelete: "cascade" }),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    name: text().notNull(),
    price: numeric({ precision: 18, scale: 2 }).notNull(),
    quantity: numeric({ precision: 18, scale: 4 }).notNull().default("1"),
    unit: text().notNull().default("pcs"),
    discountType: text("discount_type").$type<"percent" | "absolute">().notNull().default("percent"),
    discountValue: numeric("discount_value", { precision: 18, scale: 2 }).notNull().default("0"),
    taxRate: numeric("tax_rate", { precision: 5, scale: 2 }),
    taxIncluded: boolean("tax_included").notNull().default(false),
    sort: integer().notNull().default(10),
  },
  (t) => [index("deal_products_org_deal_idx").on(t.orgId, t.dealId, t.sort)],
);
