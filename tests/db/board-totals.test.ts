import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { dealObservers, deals } from "@/db/schema";
import { columnStats, foldDealTotals, totalsAnswer } from "@/lib/board/column-totals";
import { parseBoardQuery } from "@/lib/board/url-state";
import { createDeal } from "@/lib/deals/service";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: { USD: "25000.5" } as Record<string, string>, fields: [] };
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

type Key = string;
/** Every key's count and sum, from the maintained totals and from the deals themselves. */
async function both(): Promise<{ kept: Map<Key, string>; counted: Map<Key, string>; rows: number; keys: number }> {
  const key = "org_id || '/' || pipeline_id || '/' || stage_id || '/' || assigned_by_id || '/' || opened || '/' || currency";
  const kept = await queryRows<{ k: string; v: string }>(db, sql.raw(`select ${key} as k, sum(deals) || ' ' || sum(amount) as v from deal_stage_totals group by 1 having sum(deals) <> 0`));
  const counted = await queryRows<{ k: string; v: string }>(db, sql.raw(`select ${key} as k, count(*) || ' ' || sum(amount) as v from deals group by 1`));
  const { rows, keys } = (await queryRows<{ rows: number; keys: number }>(db, sql.raw(`select count(*)::int as rows, count(distinct (${key}))::int as keys from deal_stage_totals`)))[0]!;
  return { kept: new Map(kept.map((r) => [r.k, String(r.v)])), counted: new Map(counted.map((r) => [r.k, String(r.v)])), rows: Number(rows), keys: Number(keys) };
}

describe("the board's maintained totals", () => {
  it("always equal a recount, whatever inserts, moves, edits, bulk updates and deletes happen, before and after folding", async () => {
    const stageIds = [org.stage(0, "NEW").id, org.stage(0, "PREPARATION").id, org.stage(0, "WON").id, org.stage(1, "NEW").id];
    const people = [org.admin.id, org.seller.id, org.other.id];
    type Op =
      | { op: "create"; stage: number; who: number; amount: number; usd: boolean }
      | { op: "move"; pick: number; stage: number }
      | { op: "edit"; pick: number; amount: number; who: number; opened: boolean; usd: boolean }
      | { op: "title"; pick: number }
      | { op: "bulk"; stage: number; who: number }
      | { op: "remove"; pick: number }
      | { op: "fold" };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant("create" as const), stage: fc.nat(3), who: fc.nat(2), amount: fc.integer({ min: 0, max: 1_000_000 }), usd: fc.boolean() }),
      fc.record({ op: fc.constant("move" as const), pick: fc.nat(40), stage: fc.nat(3) }),
      fc.record({ op: fc.constant("edit" as const), pick: fc.nat(40), amount: fc.integer({ min: 0, max: 1_000_000 }), who: fc.nat(2), opened: fc.boolean(), usd: fc.boolean() }),
      fc.record({ op: fc.constant("title" as const), pick: fc.nat(40) }),
      fc.record({ op: fc.constant("bulk" as const), stage: fc.nat(3), who: fc.nat(2) }),
      fc.record({ op: fc.constant("remove" as const), pick: fc.nat(40) }),
      fc.record({ op: fc.constant("fold" as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 30 }), async (ops) => {
        for (const op of ops) {
          const ids = (await db.select({ id: deals.id }).from(deals).where(eq(deals.orgId, org.orgId)).orderBy(deals.id)).map((d) => d.id);
          const picked = ids.length ? ids[("pick" in op ? op.pick : 0) % ids.length]! : null;
          const stageId = "stage" in op ? stageIds[op.stage]! : 0;
          const pipelineId = org.pipelines.find((p) => p.stages.some((s) => s.id === stageId))?.id;
          switch (op.op) {
            case "create":
              await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId, assignedById: people[op.who]!, amount: `${op.amount}.25`, currency: op.usd ? "USD" : "VND" })));
              break;
            case "move":
              if (picked) await db.execute(sql`update deals set stage_id = ${stageId}, pipeline_id = ${pipelineId} where id = ${picked}`);
              break;
            case "edit":
              if (picked) await db.update(deals).set({ amount: String(op.amount), assignedById: people[op.who]!, opened: op.opened, currency: op.usd ? "USD" : "VND" }).where(eq(deals.id, picked));
              break;
            case "title":
              if (picked) await db.update(deals).set({ title: `T ${op.pick}` }).where(eq(deals.id, picked));
              break;
            case "bulk":
              await db.execute(sql`update deals set stage_id = ${stageId}, pipeline_id = ${pipelineId}, assigned_by_id = ${people[op.who]!} where org_id = ${org.orgId} and id % 2 = 0`);
              break;
            case "remove":
              if (picked) await db.delete(deals).where(eq(deals.id, picked));
              break;
            case "fold":
              await foldDealTotals(db);
              break;
          }
        }
        const before = await both();
        expect(before.kept).toEqual(before.counted);
        await foldDealTotals(db);
        const after = await both();
        expect(after.kept).toEqual(after.counted);
        // Folded: one row per key, and no key that nets to nothing.
        expect(after.rows).toBe(after.keys);
        expect(after.rows).toBe(after.counted.size);
      }),
      { numRuns: 10 },
    );
  });

  it("answers the board only when nothing but pipeline and columns narrows it", () => {
    expect(totalsAnswer(org.admin, parseBoardQuery({}), context)).toBe(true);
    expect(totalsAnswer(org.admin, parseBoardQuery({ semantics: ["S", "F"], stage: ["1"] }), context)).toBe(true);
    expect(totalsAnswer(org.admin, parseBoardQuery({ q: "camera" }), context)).toBe(false);
    expect(totalsAnswer(org.admin, parseBoardQuery({ responsible: "1" }), context)).toBe(false);
    expect(totalsAnswer(org.admin, parseBoardQuery({ stale: "1" }), context)).toBe(false);
  });

  it("gives the same column figures from the totals as from the deals, for each viewer, observers included", async () => {
    const stage = org.stage(1, "PREPARATION");
    const add = (extra: Partial<Parameters<typeof dealInput>[0]>) => inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: stage.id, ...extra })));
    await add({ amount: "100.10", assignedById: org.seller.id });
    await add({ amount: "10.50", currency: "USD", assignedById: org.other.id });
    const hiddenFromSeller = await add({ amount: "7", assignedById: org.other.id, opened: false });
    await add({ amount: "3", currency: "EUR", assignedById: org.admin.id, opened: false });
    await db.insert(dealObservers).values({ orgId: org.orgId, dealId: hiddenFromSeller, userId: org.seller.id });
    const stages = [{ id: stage.id, rotDays: null }];
    // The same board narrowed by a filter every deal matches is counted from the deals.
    const viaDeals = parseBoardQuery({ createdFrom: "2000-01-01" });
    expect(totalsAnswer(org.admin, viaDeals, context)).toBe(false);
    for (const viewer of [org.admin, org.seller, org.other]) {
      const fromTotals = await columnStats(db, viewer, stage.pipelineId, stages, parseBoardQuery({}), context);
      const fromDeals = await columnStats(db, viewer, stage.pipelineId, stages, viaDeals, context);
      expect(fromTotals, viewer.name).toEqual(fromDeals);
    }
    const admin = (await columnStats(db, org.admin, stage.pipelineId, stages, parseBoardQuery({}), context)).get(stage.id)!;
    // 100.10 + 10.50 × 25,000.5 (262,505.25) + 7; EUR has no rate and is flagged, not summed.
    expect(admin).toEqual({ count: 4, sum: "262612.35", unconverted: true });
    // The seller reads their own, the open one, and the closed one they observe; not the admin's closed one.
    expect((await columnStats(db, org.seller, stage.pipelineId, stages, parseBoardQuery({}), context)).get(stage.id)!.count).toBe(3);
  });
});
