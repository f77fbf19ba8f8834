import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { foldedIndexSql } from "../../lib/search/sql-fold";
import { companies, contacts } from "./clients";
import { orgs, users } from "./orgs";
import { pipelines, stages, type StageSemantics } from "./pipelines";

export const deals = pgTable(
  "deals",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    title: text().notNull(),
    pipelineId: integer("pipeline_id").notNull().references(() => pipelines.id),
    stageId: integer("stage_id").notNull().references(() => stages.id),
    // Copied from the stage on every move so filters and counters can use an index.
    stageSemantics: char("stage_semantics", { length: 1 }).$type<StageSemantics>().notNull(),
    amount: numeric({ precision: 18, scale: 2 }).notNull().default("0"),
    currency: char({ length: 3 }).notNull().default("VND"),
    /**
     * The amount in the org's base currency at its current rate, for sorting and filtering across
     * currencies; null where the currency has no rate. Kept by triggers (migration 0037) on the
     * deal's amount and currency and on the org's rates, so no write path can forget it.
     */
    amountBase: numeric("amount_base", { precision: 20, scale: 2 }),
    isManualAmount: boolean("is_manual_amount").notNull().default(true),
    probability: smallint(),
    assignedById: integer("assigned_by_id").notNull().references(() => users.id),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    beginDate: date("begin_date").notNull(),
    closeDate: date("close_date").notNull(),
    /**
     * Visible to everyone whose role reads "all open deals" (the reference's OPENED, "Available to
     * everyone" in the form); not "open" as opposed to closed, which is `closed`. The name stays
     * the reference's, which the REST API speaks.
     */
    opened: boolean().notNull().default(true),
    closed: boolean().notNull().default(false),
    sourceId: text("source_id"),
    sourceDescription: text("source_description"),
    typeId: text("type_id"),
    comments: text(),
    custom: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    modifiedById: integer("modified_by_id").references(() => users.id, { onDelete: "set null" }),
    movedAt: timestamp("moved_at", { withTimezone: true }).notNull().defaultNow(),
    movedById: integer("moved_by_id").references(() => users.id, { onDelete: "set null" }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
    // Kept by a trigger on activities (migration 0012), so the counters and their filters read
    // one indexed row per deal: the earliest open deadline, open activities, unprocessed incoming ones.
    nextDeadline: timestamp("next_deadline", { withTimezone: true }),
    openActivities: integer("open_activities").notNull().default(0),
    incomingOpen: integer("incoming_open").notNull().default(0),
    version: integer().notNull().default(1),
    // The card's place in its stage on the board (manual order, shared by the team): a fractional
    // key (lib/board/order-keys.ts) compared byte-wise, so a drop rewrites this one row only.
    // Deals get a top-of-column key on create; bulk loaders rank theirs (lib/board/placement.ts).
    boardPosition: text("board_position").notNull().default("a0"),
    // Title, company, contacts and comments without diacritics (lib/search), for "contains" search.
    searchText: text("search_text").notNull().default(""),
  },
  (t) => [
    // Ascending on purpose: PostgreSQL uses a row comparison "(created_at, id) < (…)" as an index
    // condition only on ascending columns (it scans them backward for "newest first").
    index("deals_org_created_idx").on(t.orgId, t.createdAt, t.id),
    // Also covers what a board column's count and sum read (and the permission scope's columns),
    // so they come from an index-only scan instead of visiting every deal of the column.
    index("deals_org_stage_idx").on(t.orgId, t.stageId, t.id, t.pipelineId, t.currency, t.amount, t.assignedById, t.opened),
    index("deals_org_pipeline_semantics_idx").on(t.orgId, t.pipelineId, t.stageSemantics),
    index("deals_org_assigned_idx").on(t.orgId, t.assignedById, t.id),
    index("deals_org_company_idx").on(t.orgId, t.companyId).where(sql`${t.companyId} is not null`),
    index("deals_org_updated_idx").on(t.orgId, t.updatedAt, t.id),
    // The list's order by amount: unknown (no rate) as the lowest, as the sort expression reads it.
    index("deals_org_amount_base_idx").on(t.orgId, sql`coalesce(${t.amountBase}, -1)`, t.id),
    index("deals_org_close_date_idx").on(t.orgId, t.closeDate, t.id),
    index("deals_org_stage_position_idx").on(t.orgId, t.stageId, sql`${t.boardPosition} collate "C"`, t.id),
    index("deals_org_stage_created_idx").on(t.orgId, t.stageId, t.createdAt, t.id),
    // The four activity counters of a responsible (lib/activities/counters.ts).
    // Trailing columns: the permission rule's facts, so "overdue now" per responsible (Analytics →
    // Employees) is counted from this index alone, under any viewer's scope.
    index("deals_org_assigned_deadline_idx").on(t.orgId, t.assignedById, t.nextDeadline, t.stageId, t.pipelineId, t.opened, t.id).where(sql`${t.nextDeadline} is not null`),
    // The forecast (Analytics → Revenue): open deals by expected close date, with the rule's facts
    // and what it sums, so it is read by an index-only scan.
    index("deals_open_close_idx")
      .on(t.orgId, t.closeDate, t.pipelineId, t.stageId, t.assignedById, t.opened, t.currency, t.amount, t.probability, t.id)
      .where(sql`${t.stageSemantics} = 'P'`),
    index("deals_org_assigned_idle_idx").on(t.orgId, t.assignedById).where(sql`${t.stageSemantics} = 'P' and ${t.openActivities} = 0`),
    index("deals_org_assigned_incoming_idx").on(t.orgId, t.assignedById).where(sql`${t.incomingOpen} > 0`),
    index("deals_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    // The import's duplicate check: titles compared without case or diacritics.
    index("deals_org_title_fold_idx").on(t.orgId, foldedIndexSql(t.title)),
  ],
);

export const dealContacts = pgTable(
  "deal_contacts",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").notNull().references(() => deals.id, { onDelete: "cascade" }),
    contactId: integer("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    sort: integer().notNull().default(0),
    isPrimary: boolean("is_primary").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.contactId] }), index("deal_contacts_org_contact_idx").on(t.orgId, t.contactId)],
);

export const dealObservers = pgTable(
  "deal_observers",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").notNull().references(() => deals.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.userId] }), index("deal_observers_org_user_idx").on(t.orgId, t.userId)],
);

export type FieldChange = { field: string; old: unknown; new: unknown };
export type DealEventKind = "created" | "updated" | "deleted" | "comment";

/**
 * The deal's timeline and history. No foreign key to deals on purpose:
 * the "deleted" event outlives the deal as an audit record.
 */
export const dealEvents = pgTable(
  "deal_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").notNull(),
    kind: text().$type<DealEventKind>().notNull(),
    changes: jsonb().$type<FieldChange[]>().notNull().default([]),
    /** A comment's text (kind "comment"). */
    body: text(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deal_events_org_deal_at_idx").on(t.orgId, t.dealId, t.at.desc())],
);

/** The reference's stage history types: 1 created, 2 moved to an intermediate stage, 3 to a final one, 5 pipeline changed. */
export type StageHistoryType = 1 | 2 | 3 | 5;

export const stageHistory = pgTable(
  "stage_history",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    dealId: integer("deal_id").notNull().references(() => deals.id, { onDelete: "cascade" }),
    typeId: smallint("type_id").$type<StageHistoryType>().notNull(),
    pipelineId: integer("pipeline_id").notNull(),
    stageId: integer("stage_id").notNull(),
    stageSemantics: char("stage_semantics", { length: 1 }).$type<StageSemantics>().notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stage_history_org_deal_idx").on(t.orgId, t.dealId, t.at),
    index("stage_history_org_at_idx").on(t.orgId, t.at),
  ],
);

/**
 * The board's column totals, kept as a ledger of deltas by statement triggers on deals (migration
 * 0017): one row per change of (stage, responsible, open to everyone, currency), so concurrent
 * writers only ever insert and never wait on one another. A recurring job folds the rows per key.
 * Keyed by exactly the facts the permission rule reads, so a viewer's scope applies to it as it
 * does to deals, and a board without filters is summed from a few thousand rows, not a million.
 */
export const dealStageTotals = pgTable(
  "deal_stage_totals",
  {
    // No foreign keys: deleting an org or a stage cascades to deals, whose trigger still writes
    // here; the folding job removes rows whose org is gone.
    orgId: integer("org_id").notNull(),
    pipelineId: integer("pipeline_id").notNull(),
    stageId: integer("stage_id").notNull(),
    assignedById: integer("assigned_by_id").notNull(),
    opened: boolean().notNull(),
    currency: char({ length: 3 }).notNull(),
    deals: integer().notNull(),
    amount: numeric({ precision: 24, scale: 2 }).notNull(),
  },
  (t) => [index("deal_stage_totals_stage_idx").on(t.orgId, t.pipelineId, t.stageId)],
);
