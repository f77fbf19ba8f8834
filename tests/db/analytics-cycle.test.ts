import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import * as s from "@/db/schema";
import { queryRows, type Db } from "@/db/client";
import { stageCycleTimes, staleNow } from "@/lib/analytics/cycle-time";
import { leftListHref } from "@/lib/analytics/drill-down";
import type { Report } from "@/lib/analytics/report";
import { parseAnalyticsQuery } from "@/lib/analytics/url-state";
import { countDeals } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { getPipelines } from "@/lib/org/queries";
import type { Viewer } from "@/lib/permissions";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: {} as Record<string, string>, fields: [] };
const code = (c: string) => org.stage(0, c).id;
const november = { from: "2026-11-01", to: "2026-12-01" };
const DAY = 86_400_000;
const at = (day: number) => new Date(Date.parse("2026-11-01T03:00:00Z") + day * DAY);
const ids: Record<string, number> = {};

async function deal(name: string, created: Date, moves: [string, Date][], extra: Partial<Parameters<typeof dealInput>[0]> = {}) {
  const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: code("NEW"), title: name, ...extra }), { now: created }));
  for (const [stage, when] of moves) await inTransaction(db, (tx) => moveDeals(tx, org.admin, [id], { stageId: code(stage), afterId: null }, when));
  ids[name] = id;
}

async function report(): Promise<Report> {
  const pipelines = (await getPipelines(db, org.orgId)).filter((p) => p.id === org.pipelines[0]!.id);
  return { query: parseAnalyticsQuery({}), period: november, previous: null, pipelines, reported: pipelines, filter: { pipelineIds: [pipelines[0]!.id], responsibleIds: null }, people: [], departments: [], context };
}

const stays = async (dealId: number) =>
  Object.fromEntries(
    (await db.select({ stageId: s.dealStageReach.stageId, seconds: s.dealStageReach.secondsIn, left: s.dealStageReach.leftAt }).from(s.dealStageReach).where(eq(s.dealStageReach.dealId, dealId)))
      .filter((r) => r.left !== null)
      .map((r) => [org.pipelines[0]!.stages.find((st) => st.id === r.stageId)!.code, r.seconds! / 86_400]),
  );

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  // A: 2 days in NEW, then PREPARATION twice (3 + 4 days) around 1 day in EXECUTING, then won; it jumps over PREPAYMENT_INVOICE.
  await deal("A", at(0), [["PREPARATION", at(2)], ["EXECUTING", at(5)], ["PREPARATION", at(6)], ["WON", at(10)]], { assignedById: org.seller.id });
  // B and C: 4 and 10 days in NEW; C is someone else's, closed to others.
  await deal("B", at(1), [["PREPARATION", at(5)]], { assignedById: org.seller.id });
  await deal("C", at(1), [["PREPARATION", at(11)]], { assignedById: org.other.id, opened: false });
  // D left NEW in October: not November's.
  await deal("D", new Date("2026-10-01T03:00:00Z"), [["PREPARATION", new Date("2026-10-03T03:00:00Z")]], { assignedById: org.seller.id });
});
afterAll(() => handle.close());

describe("time in each stage, from the stage history", () => {
  it("adds up every visit, counts a stage passed over as no stay, and keeps the last time the deal left", async () => {
    expect(await stays(ids.A!)).toEqual({ NEW: 2, PREPARATION: 7, EXECUTING: 1 });
    const [prep] = await db.select({ left: s.dealStageReach.leftAt }).from(s.dealStageReach).where(and(eq(s.dealStageReach.dealId, ids.A!), eq(s.dealStageReach.stageId, code("PREPARATION"))));
    expect(prep!.left).toEqual(at(10));
  });

  it("recounts a deal when history is written back-dated between its rows, and a rebuild finds the same", async () => {
    const stage = org.stage(0, "EXECUTING");
    // As an import would: B was in EXECUTING from day 2 to day 5, not in NEW all along.
    await db.insert(s.stageHistory).values({ orgId: org.orgId, dealId: ids.B!, typeId: 2, pipelineId: stage.pipelineId, stageId: stage.id, stageSemantics: stage.semantics, at: at(2) });
    expect(await stays(ids.B!)).toEqual({ NEW: 1, EXECUTING: 3 });
    const snapshot = () => queryRows<Record<string, unknown>>(db, sql`select deal_id, stage_id, seconds_in, left_at, entered_at from deal_stage_reach order by 1, 2`);
    const before = await snapshot();
    await db.execute(sql`select crm_rebuild_reach()`);
    expect(await snapshot()).toEqual(before);
  });

  it("gives the median and the 90th percentile per stage of the stays that ended in the period, and links each to as many deals", async () => {
    const r = await report();
    const cycles = await stageCycleTimes(db, org.admin, r);
    // NEW: A 2, B 1, C 10 days (D left in October).
    expect(cycles.get(code("NEW"))).toEqual({ stays: 3, medianDays: 2, p90Days: 8.4 });
    expect(cycles.get(code("PREPARATION"))).toEqual({ stays: 1, medianDays: 7, p90Days: 7 });
    expect(cycles.has(code("PREPAYMENT_INVOICE"))).toBe(false);
    for (const viewer of [org.admin, org.seller]) {
      const mine = await stageCycleTimes(db, viewer, r);
      for (const [stageId, cycle] of mine) {
        const href = leftListHref(r.filter, r.filter.pipelineIds[0]!, stageId, r.period);
        expect(await countDeals(db, viewer, parseListQuery(new URLSearchParams(href.split("?")[1])), context), `${viewer.name} ${stageId}`).toBe(cycle.stays);
      }
    }
    // The seller does not read C: NEW's figures are A's and B's only.
    expect((await stageCycleTimes(db, org.seller, r)).get(code("NEW"))).toEqual({ stays: 2, medianDays: 1.5, p90Days: 1.9 });
  });

  it("counts the deals stale now in a stage with days to rot, as the viewer may read them", async () => {
    await db.update(s.stages).set({ rotDays: 3 }).where(eq(s.stages.id, code("PREPARATION")));
    const r = await report();
    // B, C and D are in PREPARATION, each there for more than 3 days by now.
    const stale = await staleNow(db, org.admin, r);
    expect(stale.get(code("PREPARATION"))).toBe(3);
    expect(stale.has(code("NEW"))).toBe(false);
    const seller: Viewer = org.seller;
    // The seller does not read C.
    expect((await staleNow(db, seller, r)).get(code("PREPARATION"))).toBe(2);
  });
});
