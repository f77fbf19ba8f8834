import "server-only";
import { asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { dealContacts, dealProducts, dealStageReach, deals, departments, products, stages, users } from "@/db/schema";
import { counterCondition, counterKinds } from "@/lib/activities/counters";
import { customFilterConditions } from "@/lib/fields/filters";
import type { FieldDefinition } from "@/lib/fields/values";
import { likePattern, searchTerms } from "@/lib/search/normalize";
import type { Cursor, SortType } from "./cursor";
import type { Viewer } from "@/lib/permissions";
import { allowedQuery } from "./allowed";
import type { ListQuery, SortKey } from "./url-state";

export type { SortType };
type SortColumn = { expr: AnyPgColumn | SQL; type: SortType };

/** A deal's amount in the org's base currency, as its index (deals_org_amount_base_idx) reads it. */
export const amountInBase = sql`coalesce(${deals.amountBase}, -1)`;

/** What each sort orders by; nullable columns sort their nulls as the lowest value. */
export const sortColumns: Record<SortKey, SortColumn> = {
  createdAt: { expr: deals.createdAt, type: "timestamptz" },
  updatedAt: { expr: deals.updatedAt, type: "timestamptz" },
  title: { expr: deals.title, type: "text" },
  // In the base currency, so $49,900 sorts above ₫4,500,000; a currency without a rate as the lowest.
  amount: { expr: amountInBase, type: "numeric" },
  beginDate: { expr: deals.beginDate, type: "date" },
  closeDate: { expr: deals.closeDate, type: "date" },
  probability: { expr: sql`coalesce(${deals.probability}, -1)`, type: "int" },
  id: { expr: deals.id, type: "int" },
};

/** Rows strictly after (or before) the cursor in the query's order: one row comparison an index can serve. */
export function keysetCondition(sort: SortKey, dir: "asc" | "desc", cursor: Cursor, towards: "after" | "before"): SQL {
  const { expr, type } = sortColumns[sort];
  const forward = (dir === "desc") === (towards === "after");
  const op = sql.raw(forward ? "<" : ">");
  return sql`(${expr}, ${deals.id}) ${op} (cast(${cursor.value} as ${sql.raw(type)}), ${cursor.id})`;
}

export function orderBy(sort: SortKey, dir: "asc" | "desc", reversed = false): SQL[] {
  const ascending = (dir === "asc") !== reversed;
  const by = ascending ? asc : desc;
  return [by(sortColumns[sort].expr as AnyPgColumn), by(deals.id)];
}

/** What filters need besides the query: who asks, the org's zone, and the custom fields that may be filtered on. */
export type FilterContext = { viewerId: number; timezone: string; fields: FieldDefinition[] };

/**
 * The filter part of a list query as SQL conditions over `deals` (the permission scope is added by
 * the caller), as the viewer may use it (`allowedQuery`): a filter they may not use is absent.
 */
export function filterConditions(viewer: Viewer, requested: ListQuery, context: FilterContext): SQL[] {
  const query = allowedQuery(viewer, requested);
  const conditions: (SQL | undefined)[] = [];
  for (const term of searchTerms(query.q)) conditions.push(sql`${deals.searchText} like ${likePattern(term)}`);
  if (query.pipeline) conditions.push(eq(deals.pipelineId, query.pipeline));
  if (query.stages.length) conditions.push(inArray(deals.stageId, query.stages));
  if (query.semantics.length) conditions.push(inArray(deals.stageSemantics, query.semantics));
  if (query.responsible.length) conditions.push(inArray(deals.assignedById, query.responsible));
  if (query.department) {
    // The department and every one below it, walked in the database: any number of people.
    conditions.push(
      sql`${deals.assignedById} in (select ${users.id} from ${users} where ${users.orgId} = ${deals.orgId} and ${users.departmentId} in (
        with recursive tree(id) as (
          select ${departments.id} from ${departments} where ${departments.orgId} = ${viewer.orgId} and ${departments.id} = ${query.department}
          union select d.id from ${departments} d join tree on d.parent_id = tree.id
        ) select id from tree))`,
    );
  }
  if (query.company) conditions.push(eq(deals.companyId, query.company));
  if (query.product) {
    conditions.push(sql`exists (select 1 from ${dealProducts} where ${dealProducts.orgId} = ${deals.orgId} and ${dealProducts.dealId} = ${deals.id} and ${dealProducts.productId} = ${query.product})`);
  }
  if (query.section) {
    conditions.push(
      sql`exists (select 1 from ${dealProducts} join ${products} on ${products.orgId} = ${dealProducts.orgId} and ${products.id} = ${dealProducts.productId}
        where ${dealProducts.orgId} = ${deals.orgId} and ${dealProducts.dealId} = ${deals.id} and ${products.sectionId} = ${query.section})`,
    );
  }
  if (query.contact) {
    conditions.push(sql`exists (select 1 from ${dealContacts} where ${dealContacts.dealId} = ${deals.id} and ${dealContacts.contactId} = ${query.contact})`);
  }
  // In the chosen currency when one is chosen, else in the base currency (where a deal in a
  // currency without a rate matches no range).
  const ranged = query.currency ? deals.amount : deals.amountBase;
  if (query.amountFrom) conditions.push(gte(ranged, query.amountFrom));
  if (query.amountTo) conditions.push(lte(ranged, query.amountTo));
  if (query.currency) conditions.push(eq(deals.currency, query.currency));
  if (query.sources.length) conditions.push(inArray(deals.sourceId, query.sources));
  // Created dates are calendar days in the org's time zone.
  if (query.createdFrom) conditions.push(sql`${deals.createdAt} >= (cast(${query.createdFrom} as date)::timestamp at time zone ${context.timezone})`);
  if (query.createdTo) conditions.push(sql`${deals.createdAt} < ((cast(${query.createdTo} as date) + 1)::timestamp at time zone ${context.timezone})`);
  if (query.closeFrom) conditions.push(gte(deals.closeDate, query.closeFrom));
  if (query.closeTo) conditions.push(lte(deals.closeDate, query.closeTo));
  if (query.reached.length) conditions.push(reachedCondition(query, context.timezone));
  if (query.left.length) conditions.push(leftCondition(query, context.timezone));
  // The activity counters' own definitions: a badge's number is the number of rows its filter lists.
  for (const kind of counterKinds) if (query[kind]) conditions.push(counterCondition(kind, context.timezone));
  if (query.modifiedByMe) conditions.push(eq(deals.modifiedById, context.viewerId));
  conditions.push(...customFilterConditions(context.fields, query.custom, context.timezone));
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** Left one of the stages, its last time, between the two days (each optional): analytics' cycle time. */
function leftCondition(query: ListQuery, timezone: string): SQL {
  const r = dealStageReach;
  const from = query.leftFrom ? sql` and ${r.leftAt} >= (cast(${query.leftFrom} as date)::timestamp at time zone ${timezone})` : sql``;
  const to = query.leftTo ? sql` and ${r.leftAt} < ((cast(${query.leftTo} as date) + 1)::timestamp at time zone ${timezone})` : sql``;
  return sql`exists (select 1 from ${r} where ${r.orgId} = ${deals.orgId} and ${r.dealId} = ${deals.id} and ${inArray(r.stageId, query.left)} and ${r.leftAt} is not null${from}${to})`;
}

/**
 * Reached one of the stages between the two days (each optional): the analytics funnel's own definition,
 * so a figure's drill-down lists exactly its deals. A stage in progress counts deals that got to
 * it or past it; a final stage only the deals still in it.
 */
function reachedCondition(query: ListQuery, timezone: string): SQL {
  const r = dealStageReach;
  const from = query.reachedFrom ? sql` and ${r.reachedAt} >= (cast(${query.reachedFrom} as date)::timestamp at time zone ${timezone})` : sql``;
  const to = query.reachedTo ? sql` and ${r.reachedAt} < ((cast(${query.reachedTo} as date) + 1)::timestamp at time zone ${timezone})` : sql``;
  return sql`exists (select 1 from ${r} join ${stages} on ${stages.id} = ${r.stageId}
    where ${r.orgId} = ${deals.orgId} and ${r.dealId} = ${deals.id} and ${inArray(r.stageId, query.reached)}${from}${to}
      and (${stages.semantics} = 'P' or ${deals.stageId} = ${r.stageId}))`;
}
