import { sql } from "drizzle-orm";
import { boolean, char, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./orgs";

/**
 * When a deal first reached each stage: the funnel's facts. Reaching a stage in progress reaches
 * every earlier one of its pipeline, winning reaches all of them, a failure stage reaches only
 * itself. Written by a trigger on stage_history (migration 0027) in the same transaction as the
 * move; carries the deal's current facts (copied by a trigger on deals) so the permission rule
 * and the monthly totals read this row alone. No foreign key: the deals trigger deletes them.
 */
export const dealStageReach = pgTable(
  "deal_stage_reach",
  {
    orgId: integer("org_id").notNull(),
    dealId: integer("deal_id").notNull(),
    pipelineId: integer("pipeline_id").notNull(),
    stageId: integer("stage_id").notNull(),
    reachedAt: timestamp("reached_at", { withTimezone: true }).notNull(),
    curPipelineId: integer("cur_pipeline_id").notNull(),
    curStageId: integer("cur_stage_id").notNull(),
    assignedById: integer("assigned_by_id").notNull(),
    opened: boolean().notNull(),
    currency: char({ length: 3 }).notNull(),
    amount: numeric({ precision: 18, scale: 2 }).notNull(),
    /**
     * The deal's time in the stage, every visit added up, and when it last left it (migration
     * 0030, recounted from the deal's history on each move); null while it never left, and for a
     * stage it only reached by passing over it.
     */
    secondsIn: integer("seconds_in"),
    leftAt: timestamp("left_at", { withTimezone: true }),
    /** When the deal first entered this stage's pipeline (its cycle time runs from there); recounted with the stays. */
    enteredAt: timestamp("entered_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealId, t.stageId] }),
    // Cycle time per stage: the stays that ended in a period, read by an index-only scan under the rule's facts.
    index("deal_stage_reach_org_left_idx")
      .on(t.orgId, t.leftAt, t.pipelineId, t.stageId, t.curPipelineId, t.curStageId, t.assignedById, t.opened, t.secondsIn)
      .where(sql`${t.leftAt} is not null`),
    // The drill-down's "reached stage X between two days".
    // Also the won deals of a period (products, customers, cycle time): every column they read is in the key.
    index("deal_stage_reach_org_stage_at_idx").on(
      t.orgId,
      t.stageId,
      t.reachedAt,
      t.dealId,
      t.pipelineId,
      t.curPipelineId,
      t.curStageId,
      t.assignedById,
      t.opened,
      t.currency,
      t.amount,
      t.enteredAt,
    ),
    // The days around whole months, read by an index-only scan: every column a figure needs is in the key.
    index("deal_stage_reach_org_at_idx").on(t.orgId, t.reachedAt, t.pipelineId, t.stageId, t.curPipelineId, t.curStageId, t.assignedById, t.opened, t.currency, t.amount),
  ],
);

/**
 * The reach rows summed per month (in the org's time zone) and per the facts the permission rule
 * reads at the level of a pipeline (the deal's current pipeline, responsible and openness): a
 * ledger of deltas kept by statement triggers on deal_stage_reach, folded by a recurring job, like
 * the board's deal_stage_totals. Not the current stage, which would multiply the rows: a viewer
 * whose rules differ by stage within a pipeline is answered from the reach rows for that pipeline.
 * `stillThere`: the deal is in the stage now (what a won or lost figure counts).
 */
export const dealReachTotals = pgTable(
  "deal_reach_totals",
  {
    orgId: integer("org_id").notNull(),
    pipelineId: integer("pipeline_id").notNull(),
    stageId: integer("stage_id").notNull(),
    month: date().notNull(),
    curPipelineId: integer("cur_pipeline_id").notNull(),
    stillThere: boolean("still_there").notNull(),
    assignedById: integer("assigned_by_id").notNull(),
    opened: boolean().notNull(),
    currency: char({ length: 3 }).notNull(),
    deals: integer().notNull(),
    amount: numeric({ precision: 24, scale: 2 }).notNull(),
  },
  (t) => [index("deal_reach_totals_org_month_idx").on(t.orgId, t.month), index("deal_reach_totals_org_assigned_idx").on(t.orgId, t.assignedById, t.month)],
);

/**
 * The daily ledger of completed activities, per the activity's responsible, keyed by its deal's
 * facts the rule reads at the level of a pipeline (the deal's pipeline, responsible and "open to
 * everyone" now): the employees report's "activities done" over any days. Rows are deltas written
 * by triggers on activities and deals, folded by a recurring job.
 */
export const activityDoneTotals = pgTable(
  "activity_done_totals",
  {
    orgId: integer("org_id").notNull(),
    /** The org's calendar day the activity was completed. */
    day: date().notNull(),
    responsibleId: integer("responsible_id").notNull(),
    curPipelineId: integer("cur_pipeline_id").notNull(),
    assignedById: integer("assigned_by_id").notNull(),
    opened: boolean().notNull(),
    done: integer().notNull(),
  },
  (t) => [index("activity_done_totals_org_day_idx").on(t.orgId, t.day)],
);

/**
 * The product rows of each deal won now (its reach row at a success stage is where the deal still
 * is), one row per deal and product (rows typed without a catalogue product, per their name in
 * lower case), with the deal's facts: what the products report reads for the days around whole
 * months. Recounted per deal by triggers on deal_products and deal_stage_reach (migration 0032).
 */
export const wonDealProducts = pgTable(
  "won_deal_products",
  {
    orgId: integer("org_id").notNull(),
    dealId: integer("deal_id").notNull(),
    /** The catalogue product, 0 for rows typed without one. */
    productKey: integer("product_key").notNull(),
    /** The typed name in lower case for rows without a catalogue product, '' otherwise. */
    nameKey: text("name_key").notNull(),
    name: text().notNull(),
    unit: text().notNull(),
    wonAt: timestamp("won_at", { withTimezone: true }).notNull(),
    pipelineId: integer("pipeline_id").notNull(),
    stageId: integer("stage_id").notNull(),
    assignedById: integer("assigned_by_id").notNull(),
    opened: boolean().notNull(),
    currency: char({ length: 3 }).notNull(),
    quantity: numeric({ precision: 24, scale: 4 }).notNull(),
    /** With discounts and tax, as the deal's totals count them, in the deal's currency. */
    gross: numeric({ precision: 24, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dealId, t.productKey, t.nameKey] }), index("won_deal_products_org_won_idx").on(t.orgId, t.wonAt)],
);

/**
 * The clients of each deal won now, one row per deal and client (its company, each of its
 * contacts), with the deal's facts and amount: what the top customers report reads. Recounted per
 * deal by triggers on deal_stage_reach, deals (its company) and deal_contacts (migration 0035).
 * No monthly totals: a client seldom wins twice in a month, so they would hold as many rows.
 */
export const wonDealClients = pgTable(
  "won_deal_clients",
  {
    orgId: integer("org_id").notNull(),
    dealId: integer("deal_id").notNull(),
    kind: text().$type<"company" | "contact">().notNull(),
    clientId: integer("client_id").notNull(),
    wonAt: timestamp("won_at", { withTimezone: true }).notNull(),
    pipelineId: integer("pipeline_id").notNull(),
    stageId: integer("stage_id").notNull(),
    assignedById: integer("assigned_by_id").notNull(),
    opened: boolean().notNull(),
    currency: char({ length: 3 }).notNull(),
    amount: numeric({ precision: 18, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dealId, t.kind, t.clientId] }), index("won_deal_clients_org_won_idx").on(t.orgId, t.kind, t.wonAt)],
);

/** won_deal_products summed per the org's calendar month of winning: whole months of the products report. Delta rows, folded by a recurring job. */
export const wonProductTotals = pgTable(
  "won_product_totals",
  {
    orgId: integer("org_id").notNull(),
    month: date().notNull(),
    productKey: integer("product_key").notNull(),
    nameKey: text("name_key").notNull(),
    name: text().notNull(),
    unit: text().notNull(),
    pipelineId: integer("pipeline_id").notNull(),
    assignedById: integer("assigned_by_id").notNull(),
    opened: boolean().notNull(),
    currency: char({ length: 3 }).notNull(),
    deals: integer().notNull(),
    quantity: numeric({ precision: 24, scale: 4 }).notNull(),
    gross: numeric({ precision: 24, scale: 2 }).notNull(),
  },
  (t) => [index("won_product_totals_org_month_idx").on(t.orgId, t.month)],
);

export const planTargets = ["company", "pipeline", "department", "employee"] as const;
export type PlanTarget = (typeof planTargets)[number];
export const planMetrics = ["revenue", "deals"] as const;
export type PlanMetric = (typeof planMetrics)[number];
export const planPeriods = ["month", "quarter", "half", "year"] as const;
export type PlanPeriod = (typeof planPeriods)[number];

/**
 * A sales plan: a goal of won revenue (in the org's base currency) or of won deals, for the
 * company, a pipeline, a department (with the departments below it) or an employee, over a
 * calendar month, quarter, half-year or year starting on `periodStart`.
 */
export const salesPlans = pgTable(
  "sales_plans",
  {
    orgId: integer("org_id").notNull().references(() => orgs.id, { onDelete: "cascade" }),
    id: integer().notNull().generatedAlwaysAsIdentity(),
    target: text().$type<PlanTarget>().notNull(),
    /** The pipeline, department or user; null for the company. */
    targetId: integer("target_id"),
    metric: text().$type<PlanMetric>().notNull(),
    period: text().$type<PlanPeriod>().notNull(),
    periodStart: date("period_start").notNull(),
    goal: numeric({ precision: 18, scale: 2 }).notNull(),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // One plan per target, metric and period.
    uniqueIndex("sales_plans_target_period_uq").on(t.orgId, t.target, sql`coalesce(${t.targetId}, 0)`, t.metric, t.period, t.periodStart),
    index("sales_plans_org_start_idx").on(t.orgId, t.periodStart),
  ],
);
