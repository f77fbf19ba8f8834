import { sql } from "drizzle-orm";
import { boolean, char, customType, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./orgs";
import { deals } from "./deals";
import { companies, contacts } from "./clients";
import { products } from "./products";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const documentKinds = ["quote", "invoice"] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const quoteStatuses = ["draft", "sent", "approved", "declined"] as const;
export const invoiceStatuses = ["new", "sent", "partlyPaid", "paid", "cancelled"] as const;
export type SystemStatus = (typeof quoteStatuses)[number] | (typeof invoiceStatuses)[number];
/** A document's status: one of the system's, or one an administrator added ("c" and its id). */
export type DocumentStatus = SystemStatus | `c${number}`;
export type BankAccount = { bank: string; account: string; holder?: string };

/** The seller's details printed on quotes and invoices (Settings → Company details); one default per org. */
export const myCompanies = pgTable(
  "my_companies",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    id: integer().notNull().generatedAlwaysAsIdentity(),
    legalName: text("legal_name").notNull(),
    taxCode: text("tax_code"),
    address: text().notNull().default(""),
    phone: text().notNull().default(""),
    email: text().notNull().default(""),
    director: text().notNull().default(""),
    accountant: text().notNull().default(""),
    bankAccounts: jsonb("bank_accounts").$type<BankAccount[]>().notNull().default([]),
    logo: bytea(),
    logoType: text("logo_type"),
    stamp: bytea(),
    stampType: text("stamp_type"),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * Statuses an administrator adds to a kind's own (Settings → Company details → Statuses), like a
 * pipeline's stages: a name, a colour, a place in the order and a meaning — still in progress, or a
 * failure. A document holds one as "c<id>".
 */
export const documentStatuses = pgTable(
  "document_statuses",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    id: integer().notNull().generatedAlwaysAsIdentity(),
    kind: text().$type<DocumentKind>().notNull(),
    name: text().notNull(),
    semantics: text().$type<"P" | "F">().notNull(),
    sort: integer().notNull(),
    color: text().notNull().default("#94a3b8"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** Per org and kind: how numbers are made (see lib/documents/numbering.ts). */
export const documentNumbering = pgTable(
  "document_numbering",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    kind: text().$type<DocumentKind>().notNull(),
    template: text().notNull(),
    start: integer().notNull().default(1),
    step: integer().notNull().default(1),
    padding: integer().notNull().default(4),
    reset: text().$type<"never" | "yearly" | "monthly">().notNull().default("yearly"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind] })],
);

/**
 * The last number given per kind and period. Taken with an UPDATE in the creating transaction,
 * so concurrent creators queue on the row (consecutive numbers) and a rollback gives it back (no gaps).
 */
export const documentCounters = pgTable(
  "document_counters",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    kind: text().$type<DocumentKind>().notNull(),
    period: text().notNull(),
    value: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.period] })],
);

/** Quotes and invoices made from a deal: readable exactly when the deal is. */
export const documents = pgTable(
  "documents",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    id: integer().notNull().generatedAlwaysAsIdentity(),
    kind: text().$type<DocumentKind>().notNull(),
    dealId: integer("deal_id").notNull().references(() => deals.id, { onDelete: "cascade" }),
    number: text().notNull(),
    status: text().$type<DocumentStatus>().notNull(),
    issuedOn: date("issued_on").notNull(),
    /** A quote's "valid until", an invoice's "pay before". */
    dueOn: date("due_on"),
    currency: char({ length: 3 }).notNull(),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    contactId: integer("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    /** The buyer as printed: kept, so a renamed client does not change an issued document. */
    buyerName: text("buyer_name").notNull(),
    buyerTaxCode: text("buyer_tax_code").notNull().default(""),
    buyerAddress: text("buyer_address").notNull().default(""),
    buyerEmail: text("buyer_email").notNull().default(""),
    sellerId: integer("seller_id"),
    content: text().notNull().default(""),
    terms: text().notNull().default(""),
    net: numeric({ precision: 18, scale: 2 }).notNull(),
    tax: numeric({ precision: 18, scale: 2 }).notNull(),
    gross: numeric({ precision: 18, scale: 2 }).notNull(),
    paid: numeric({ precision: 18, scale: 2 }).notNull().default("0"),
    /** The quote an invoice was made from. */
    quoteId: integer("quote_id"),
    publicTokenHash: text("public_token_hash"),
    publicExpiresAt: timestamp("public_expires_at", { withTimezone: true }),
    clientComment: text("client_comment"),
    version: integer().notNull().default(1),
    responsibleId: integer("responsible_id").references(() => users.id, { onDelete: "set null" }),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("documents_number_uq").on(t.orgId, t.kind, t.number),
    uniqueIndex("documents_public_token_uq").on(t.publicTokenHash),
    index("documents_list_idx").on(t.orgId, t.kind, t.id.desc()),
    index("documents_deal_idx").on(t.orgId, t.dealId, t.kind),
    // The responsible's overdue invoices (the counter on Deals → Invoices): only those still waiting for money.
    index("documents_open_invoices_idx").on(t.orgId, t.responsibleId, t.dueOn).where(sql`${t.kind} = 'invoice' and ${t.status} not in ('paid', 'cancelled')`),
    foreignKey({ columns: [t.orgId, t.sellerId], foreignColumns: [myCompanies.orgId, myCompanies.id] }),
    foreignKey({ columns: [t.orgId, t.quoteId], foreignColumns: [t.orgId, t.id] }),
  ],
);

/** A document's product rows with the amounts computed when it was saved (exact, per currency). */
export const documentRows = pgTable(
  "document_rows",
  {
    orgId: integer("org_id").notNull(),
    documentId: integer("document_id").notNull(),
    sort: integer().notNull(),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    name: text().notNull(),
    price: numeric({ precision: 18, scale: 2 }).notNull(),
    quantity: numeric({ precision: 18, scale: 4 }).notNull(),
    unit: text().notNull(),
    discountType: text("discount_type").$type<"percent" | "absolute">().notNull(),
    discountValue: numeric("discount_value", { precision: 18, scale: 2 }).notNull(),
    taxRate: numeric("tax_rate", { precision: 5, scale: 2 }),
    taxIncluded: boolean("tax_included").notNull(),
    net: numeric({ precision: 18, scale: 2 }).notNull(),
    tax: numeric({ precision: 18, scale: 2 }).notNull(),
    gross: numeric({ precision: 18, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.documentId, t.sort] }),
    foreignKey({ columns: [t.orgId, t.documentId], foreignColumns: [documents.orgId, documents.id] }).onDelete("cascade"),
  ],
);

export const paymentMethods = ["bankTransfer", "cash", "card", "other"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const documentPayments = pgTable(
  "document_payments",
  {
    orgId: integer("org_id").notNull(),
    id: integer().notNull().generatedAlwaysAsIdentity(),
    documentId: integer("document_id").notNull(),
    paidOn: date("paid_on").notNull(),
    amount: numeric({ precision: 18, scale: 2 }).notNull(),
    method: text().$type<PaymentMethod>().notNull(),
    note: text().notNull().default(""),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("document_payments_document_idx").on(t.orgId, t.documentId),
    foreignKey({ columns: [t.orgId, t.documentId], foreignColumns: [documents.orgId, documents.id] }).onDelete("cascade"),
  ],
);
