import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals } from "@/db/schema";
import { listDealsPage, SEARCH_PROBE_ROWS } from "@/lib/deals/list/queries";
import { parseListQuery, type ListQuery } from "@/lib/deals/list/url-state";
import type { Viewer } from "@/lib/permissions";
import type { TestDb } from "../helpers/db";
import { openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
const total = SEARCH_PROBE_ROWS + 600;
const context = () => ({ viewerId: org.admin.id, timezone: "Asia/Ho_Chi_Minh", fields: [] });

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  const stage = org.stage(0, "NEW");
  // Deal n is n minutes old. Every third one says "common"; "rare" only in three of the oldest,
  // beyond the probe's window; the seller owns every other deal, a third of them closed to others.
  await db.execute(sql`
    insert into deals (org_id, title, pipeline_id, stage_id, stage_semantics, amount, assigned_by_id, opened, begin_date, close_date, created_at, search_text)
    select ${org.orgId}::int, 'Deal ' || n, ${stage.pipelineId}::int, ${stage.id}::int, 'P', (n * 7919) % 1000, case when n % 2 = 0 then ${org.seller.id}::int else ${org.other.id}::int end, n % 3 <> 0,
      current_date, current_date, now() - n * interval '1 minute',
      'deal ' || n || case when n % 3 = 0 then ' common word' else '' end || case when n in (${total - 5}, ${total - 3}, ${total - 1}) then ' rare' else '' end
    from generate_series(1, ${total}) n`);
});
afterAll(() => handle.close());

/** Every page of a search, forward from the first, then back from the last. */
async function pages(viewer: Viewer, query: ListQuery) {
  const forward: number[][] = [];
  let page = await listDealsPage(db, viewer, query, context());
  forward.push(page.rows.map((r) => r.id));
  while (page.next) {
    page = await listDealsPage(db, viewer, { ...query, after: page.next }, context());
    forward.push(page.rows.map((r) => r.id));
  }
  const backward: number[][] = [page.rows.map((r) => r.id)];
  while (page.previous) {
    page = await listDealsPage(db, viewer, { ...query, before: page.previous }, context());
    backward.unshift(page.rows.map((r) => r.id));
  }
  return { forward, backward };
}

/** The answer by brute force: every readable deal with the word, newest first. */
async function expected(viewer: Viewer, word: string, scoped: (d: { assignedById: number; opened: boolean }) => boolean) {
  const rows = await db
    .select({ id: deals.id, assignedById: deals.assignedById, opened: deals.opened, createdAt: deals.createdAt, searchText: deals.searchText })
    .from(deals)
    .where(and(eq(deals.orgId, org.orgId), sql`${deals.searchText} like ${`%${word}%`}`));
  return rows
    .filter(scoped)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
    .map((r) => r.id);
}

describe("text search on many deals", () => {
  it("pages a common word exactly as an exhaustive search would, both ways", async () => {
    const query = parseListQuery({ q: "COMMON wórd", size: "100" });
    const { forward, backward } = await pages(org.admin, query);
    const all = await expected(org.admin, "common word", () => true);
    expect(all.length).toBeGreaterThan(SEARCH_PROBE_ROWS / 3);
    expect(forward.flat()).toEqual(all);
    expect(backward).toEqual(forward);
  });

  it("finds a rare word beyond the first deals looked through", async () => {
    const { forward } = await pages(org.admin, parseListQuery({ q: "rare" }));
    expect(forward.flat()).toEqual(await expected(org.admin, "rare", () => true));
    expect(forward.flat()).toHaveLength(3);
  });

  it("keeps the permission scope and other filters while it looks", async () => {
    const seller = org.seller;
    const mine = (d: { assignedById: number; opened: boolean }) => d.assignedById === seller.id || d.opened;
    const { forward } = await pages(seller, parseListQuery({ q: "common", size: "50" }));
    expect(forward.flat()).toEqual(await expected(seller, "common", mine));
    const sorted = await listDealsPage(db, org.admin, parseListQuery({ q: "common", sort: "amount", dir: "asc", size: "20", responsible: String(org.other.id) }), context());
    const byAmount = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.orgId, org.orgId), eq(deals.assignedById, org.other.id), sql`${deals.searchText} like '%common%'`))
      .orderBy(deals.amount, deals.id)
      .limit(20);
    expect(sorted.rows.map((r) => r.id)).toEqual(byAmount.map((r) => r.id));
  });
});
