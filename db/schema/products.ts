import { boolean, char, index, integer, numeric, pgTable, text } from "drizzle-orm/pg-core";
import { deals } from "./deals";
import { orgs } from "./orgs";

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
  },
  (t) => [index("products_org_name_idx").on(t.orgId, t.name)],
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
