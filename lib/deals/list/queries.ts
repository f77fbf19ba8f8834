import "server-only";
import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { companies, deals, pipelines, stages, users } from "@/db/schema";
import { can, dealScope, visibleAmount, type Operation, type Viewer } from "@/lib/permissions";
import { likePattern, searchTerms } from "@/lib/search/normalize";
import { allowedQuery } from "./allowed";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ListQuery } from "./url-state";
import { filterConditions, keysetCondition, orderBy, sortColumns, type FilterContext } from "./sql";

const responsible = alias(users, "responsible");

function conditions(viewer: Viewer, query: ListQuery, context: FilterContext, operation: Operation) {
  return and(dealScope(viewer, operation), ...filterConditions(viewer, query, context));
}

/** How many deals, in the page's order, a text search looks through before it asks the index. */
export const SEARCH_PROBE_ROWS = 5_000;

/**
 * A text search's page when its words are common: the first deals in the page's own order (with
 * every other filter, the scope and the cursor applied), searched for the words, in one index walk
 * that stops at the page's end. When at least a page and one more of those deals match, they are
 * exactly the page, however many more match further on; otherwise null, and the trigram index
 * answers (the fast way for rare words). The planner cannot choose between the two itself: it
 * takes the words for independent, so "lắp đặt camera" looked 7 times rarer than it is.
 */
async function probeSearch(db: Db, viewer: Viewer, query: ListQuery, context: FilterContext, operation: Operation, keyset: SQL | undefined, backwards: boolean): Promise<number[] | null> {
  const terms = searchTerms(query.q);
  const recent = db
    .select({ id: deals.id, searchText: deals.searchText })
    .from(deals)
    .where(and(conditions(viewer, { ...query, q: "" }, context, operation), keyset))
    .orderBy(...orderBy(query.sort, query.dir, backwards))
    .limit(SEARCH_PROBE_ROWS)
    .as("recent");
  // No outer ORDER BY on purpose: the filter keeps the walk's order and lets it stop early.
  const rows = await db
    .select({ id: recent.id })
    .from(recent)
    .where(and(...terms.map((term) => sql`${recent.searchText} like ${likePattern(term)}`)))
    .limit(query.size + 1);
  return rows.length > query.size ? rows.map((r) => r.id) : null;
}

/**
 * One page of the list: filtered, scoped by the permission rule, sorted by any sortable column
 * and keyset-paginated, so page 10,000 costs what page 1 costs. Reads one row more than the
 * page to know whether another follows.
 */
/** `customCodes`: the custom values the caller shows (only those leave the database). */
export async function listDealsPage(db: Db, viewer: Viewer, requested: ListQuery, context: FilterContext, operation: Operation = "READ", customCodes: string[] = []) {
  const query = allowedQuery(viewer, requested);
  const after = decodeCursor(query.after, sortColumns[query.sort].type);
  const before = after ? null : decodeCursor(query.before, sortColumns[query.sort].type);
  const keyset = after ? keysetCondition(query.sort, query.dir, after, "after") : before ? keysetCondition(query.sort, query.dir, before, "before") : undefined;
  const probed = searchTerms(query.q).length ? await probeSearch(db, viewer, query, context, operation, keyset, before !== null) : null;
  const where = probed ? inArray(deals.id, probed) : and(conditions(viewer, query, context, operation), keyset);
  const rows = await db
    .select({
      id: deals.id,
      title: deals.title,
      amount: visibleAmount(viewer),
      currency: deals.currency,
      pipelineName: pipelines.name,
      stageName: stages.name,
      stageColor: stages.color,
      semantics: deals.stageSemantics,
      responsibleName: responsible.name,
      companyTitle: companies.title,
      contactNames: sql<string | null>`(select string_agg(concat_ws(' ', c.last_name, c.name), ', ' order by dc.sort) from deal_contacts dc join contacts c on c.id = dc.contact_id where dc.deal_id = ${deals.id})`,
      beginDate: deals.beginDate,
      closeDate: deals.closeDate,
      createdAt: deals.createdAt,
      updatedAt: deals.updatedAt,
      probability: deals.probability,
      sourceId: deals.sourceId,
      typeId: deals.typeId,
      opened: deals.opened,
      pipelineId: deals.pipelineId,
      stageId: deals.stageId,
      assignedById: deals.assignedById,
      lastActivityAt: deals.lastActivityAt,
      custom: customCodes.length
        ? sql<Record<string, unknown>>`jsonb_build_object(${sql.join(customCodes.map((code) => sql`${code}::text, ${deals.custom} -> ${code}`), sql`, `)})`
        : sql<Record<string, unknown>>`'{}'::jsonb`,
      // The row's counter badge, from the activity summary the trigger keeps (no subquery per row).
      activityState: sql<"overdue" | "idle" | null>`case when ${deals.nextDeadline} < now() then 'overdue' when ${deals.stageSemantics} = 'P' and ${deals.openActivities} = 0 then 'idle' end`,
      sortValue: sql<string | null>`cast(${sortColumns[query.sort].expr} as text)`,
    })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .innerJoin(pipelines, eq(pipelines.id, deals.pipelineId))
    .innerJoin(responsible, eq(responsible.id, deals.assignedById))
    .leftJoin(companies, eq(companies.id, deals.companyId))
    .where(where)
    .orderBy(...orderBy(query.sort, query.dir, before !== null))
    .limit(query.size + 1);
  const more = rows.length > query.size;
  // What the viewer may do to each row: the list offers only those actions.
  const page = rows.slice(0, query.size).map((row) => {
    const facts = { ...row, orgId: viewer.orgId };
    return { ...row, mayUpdate: can(viewer, "UPDATE", facts), mayDelete: can(viewer, "DELETE", facts) };
  });
  if (before) page.reverse();
  const cursorOf = (row: (typeof page)[number] | undefined) => (row ? encodeCursor({ value: row.sortValue, id: row.id }) : null);
  return {
    rows: page,
    next: (before ? true : more) ? cursorOf(page.at(-1)) : null,
    previous: (before ? more : after !== null) ? cursorOf(page[0]) : null,
  };
}
export type ListRow = Awaited<ReturnType<typeof listDealsPage>>["rows"][number];

/** How many deals match (asked for on demand: counting is the one cost keyset paging avoids). */
export async function countDeals(db: Db, viewer: Viewer, query: ListQuery, context: FilterContext): Promise<number> {
  const [row] = await db.select({ n: count() }).from(deals).where(conditions(viewer, query, context, "READ"));
  return row?.n ?? 0;
}

/** The ids of every deal matching the filter that the viewer may read, in id order: what "all rows matching the filter" means. */
export async function matchingDealIds(db: Db, viewer: Viewer, query: ListQuery, context: FilterContext, limit = 1_000_000): Promise<number[]> {
  const rows = await db.select({ id: deals.id }).from(deals).where(conditions(viewer, query, context, "READ")).orderBy(deals.id).limit(limit);
  return rows.map((r) => r.id);
}
