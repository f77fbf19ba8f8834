import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import * as s from "@/db/schema";
import { queryRows, type Db } from "@/db/client";
import { createDeal } from "@/lib/deals/service";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
});
afterAll(() => handle.close());

describe("statement triggers stay linear in the rows a statement touches", () => {
  it("never join one transition table to the other: their plans are cached for the first call's size", async () => {
    // A plpgsql trigger plans each statement once per connection, with the row count of that first
    // call. A join of new_rows to old_rows planned for one row is a nested loop: the same
    // connection then moving ten thousand deals in one bulk action compares every row with every
    // other (it ran for minutes in the benchmark). Grouping, or comparing with the table's own
    // copy of the facts, stays linear whatever was planned.
    const functions = await queryRows<{ name: string; body: string }>(
      db,
      sql`select distinct p.proname as name, p.prosrc as body from pg_trigger t join pg_proc p on p.oid = t.tgfoid
          where not t.tgisinternal and t.tgoldtable is not null and t.tgnewtable is not null`,
    );
    expect(functions.length).toBeGreaterThan(0);
    const joined = functions.filter((f) => /\b(new_rows|old_rows)\b(\s+(as\s+)?\w+)?\s+(join|,)\s*(old_rows|new_rows)\b/i.test(f.body));
    expect(joined.map((f) => f.name)).toEqual([]);
  });

  it("still carries a deal's new facts to its reach rows when one connection moves one deal, then many", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push(await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, title: `bulk ${i}` }))));
    const next = org.stage(0, "PREPARATION").id;
    await inTransaction(db, async (tx) => {
      await tx.update(s.deals).set({ title: "renamed only" }).where(eq(s.deals.id, ids[0]!));
      await tx.update(s.deals).set({ assignedById: org.seller.id }).where(eq(s.deals.id, ids[0]!));
      await tx.update(s.deals).set({ stageId: next, assignedById: org.other.id }).where(inArray(s.deals.id, ids));
    });
    const reach = await db
      .select({ stage: s.dealStageReach.curStageId, assigned: s.dealStageReach.assignedById })
      .from(s.dealStageReach)
      .where(and(eq(s.dealStageReach.orgId, org.orgId), inArray(s.dealStageReach.dealId, ids)));
    expect(reach.length).toBeGreaterThanOrEqual(ids.length);
    expect(new Set(reach.map((r) => `${r.stage}/${r.assigned}`))).toEqual(new Set([`${next}/${org.other.id}`]));
  });
});
