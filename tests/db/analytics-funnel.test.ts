import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import type { Db } from "@/db/client";
import { buildFunnel } from "@/lib/analytics/funnel-math";
import { responsibleOutcomes, stageReach, type ReportFilter, type ReportStage } from "@/lib/analytics/reach";
import { countDeals } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { lastDay } from "@/lib/analytics/period";
import { loadEmployees } from "@/lib/analytics/employees";
import type { Report } from "@/lib/analytics/report";
import { parseAnalyticsQuery } from "@/lib/analytics/url-state";
import { eq } from "drizzle-orm";
import { pipelineMatrixScope, type Viewer } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let head: Viewer;
let stages: ReportStage[];
let filter: ReportFilter;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: { USD: "25000" } as Record<string, string>, fields: [] };
const code = (c: string) => org.stage(0, c).id;
const november = { from: "2026-11-01", to: "2026-12-01" };

/** One deal's life: created in NEW at `created`, then each move at its time. */
async function life(created: string, moves: [string, string][], extra: Partial<Parameters<typeof dealInput>[0]> = {}): Promise<number> {
  const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: code("NEW"), ...extra }), { now: new Date(created) }));
  for (const [stage, at] of moves) await inTransaction(db, (tx) => moveDeals(tx, org.admin, [id], { stageId: code(stage), afterId: null }, new Date(at)));
  return id;
}

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  // "other" heads Sales (which holds Team A and the seller).
  await db.insert(s.roleAssignments).values({ orgId: org.orgId, roleId: org.roleIds.salesHead, userId: org.other.id });
  head = (await viewerFor(db, org.other.id))!;
  stages = org.pipelines[0]!.stages.map((st) => ({ id: st.id, pipelineId: st.pipelineId, semantics: st.semantics }));
  filter = { pipelineIds: [org.pipelines[0]!.id], responsibleIds: null };
  const seller = { assignedById: org.seller.id };
  const other = { assignedById: org.other.id, opened: false };
  await life("2026-11-03T03:00:00Z", [["PREPARATION", "2026-11-05T03:00:00Z"], ["EXECUTING", "2026-11-10T03:00:00Z"], ["WON", "2026-11-20T03:00:00Z"]], { ...seller, amount: "1000" }); // A
  await life("2026-11-04T03:00:00Z", [["PREPARATION", "2026-11-06T03:00:00Z"], ["LOSE", "2026-11-08T03:00:00Z"]], { ...other, amount: "300" }); // B
  await life("2026-11-05T03:00:00Z", [], { ...seller, amount: "10" }); // C
  // 00:30 on 1 November in Hồ Chí Minh City: November's, though still October in UTC. It skips a stage.
  await life("2026-10-31T17:30:00Z", [["EXECUTING", "2026-11-12T03:00:00Z"]], { ...other, amount: "20" }); // D
  // 23:30 on 31 October there: October's; won in November, reaching every stage in progress on the way.
  await life("2026-10-31T16:30:00Z", [["WON", "2026-11-02T03:00:00Z"]], { ...other, amount: "500" }); // E
  // Won, then reopened: it reached the stages, but is not won.
  await life("2026-11-06T03:00:00Z", [["WON", "2026-11-07T03:00:00Z"], ["EXECUTING", "2026-11-09T03:00:00Z"]], { ...seller, amount: "7", currency: "USD" }); // F
});
afterAll(() => handle.close());

const counts = (figures: Map<number, { count: number }>) => Object.fromEntries(["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE", "APOLOGY"].map((c) => [c, figures.get(code(c))?.count ?? 0]));

describe("the funnel from stage history", () => {
  it("counts the deals that reached each stage in the period, in the org's calendar", async () => {
    const figures = await stageReach(db, org.admin, november, filter, stages, context);
    expect(counts(figures)).toEqual({ NEW: 5, PREPARATION: 5, PREPAYMENT_INVOICE: 4, EXECUTING: 4, FINAL_INVOICE: 3, WON: 2, LOSE: 1, APOLOGY: 0 });
    // Won: A and E (F was reopened); amounts in the base currency, USD converted.
    expect(figures.get(code("WON"))).toEqual({ count: 2, sum: "1500", unconverted: false });
    expect(figures.get(code("NEW"))!.sum).toBe(String(1000 + 300 + 10 + 20 + 7 * 25000));
    const october = await stageReach(db, org.admin, { from: "2026-10-01", to: "2026-11-01" }, filter, stages, context);
    expect(counts(october)).toMatchObject({ NEW: 1, PREPARATION: 0, WON: 0 });
  });

  it("gives the same figures for days around whole months (read from the reach rows) as for the months (read from the totals)", async () => {
    // 2 to 29 November: no whole month; A, B, C and F entered NEW then (D on the 1st, E in October).
    expect(counts(await stageReach(db, org.admin, { from: "2026-11-02", to: "2026-11-30" }, filter, stages, context))).toMatchObject({ NEW: 4, WON: 2, LOSE: 1 });
    // 20 October to 30 November: days of October plus the whole of November.
    expect(counts(await stageReach(db, org.admin, { from: "2026-10-20", to: "2026-12-01" }, filter, stages, context))).toMatchObject({ NEW: 6, PREPARATION: 5, WON: 2 });
  });

  it("builds conversion, drop-off, lost reasons and the win rate", async () => {
    const pipeline = org.pipelines[0]!;
    const funnel = buildFunnel(
      pipeline.stages.map((st) => ({ id: st.id, name: st.code, color: st.color, semantics: st.semantics })),
      await stageReach(db, org.admin, november, filter, stages, context),
      false,
    );
    expect(funnel.steps.map((st) => [st.name, st.count, st.conversion, st.dropOff])).toEqual([
      ["NEW", 5, null, null],
      ["PREPARATION", 5, 100, 0],
      ["PREPAYMENT_INVOICE", 4, 80, 1],
      ["EXECUTING", 4, 100, 0],
      ["FINAL_INVOICE", 3, 75, 1],
      ["WON", 2, 66.7, 1],
    ]);
    expect(funnel.lost.map((st) => [st.name, st.count])).toEqual([["LOSE", 1], ["APOLOGY", 0]]);
    expect(funnel.winRate).toBe(40);
    expect(funnel.won.sum).toBe("1500");
  });

  it("narrows to responsibles, and drills down to a list of exactly as many deals, for an administrator, a head of sales and a sales person", async () => {
    const sellerOnly = await stageReach(db, org.admin, november, { ...filter, responsibleIds: [org.seller.id] }, stages, context);
    expect(counts(sellerOnly)).toMatchObject({ NEW: 3, WON: 1, LOSE: 0 });
    // The seller observes B (closed, someone else's): observers read, so it counts for them.
    await db.insert(s.dealObservers).values({ orgId: org.orgId, dealId: (await db.select({ id: s.deals.id }).from(s.deals)).find((_, i) => i === 1)!.id, userId: org.seller.id });
    for (const viewer of [org.admin, head, org.seller]) {
      const figures = await stageReach(db, viewer, november, filter, stages, context);
      for (const stage of stages) {
        const listed = await countDeals(db, viewer, parseListQuery({ pipeline: String(filter.pipelineIds[0]), reached: String(stage.id), reachedFrom: "2026-11-01", reachedTo: "2026-11-30" }), context);
        expect(listed, `${viewer.name} at stage ${stage.id}`).toBe(figures.get(stage.id)?.count ?? 0);
      }
    }
    // The seller sees fewer than the head (who sees the whole department).
    const sellerFigures = await stageReach(db, org.seller, november, filter, stages, context);
    expect(sellerFigures.get(code("NEW"))!.count).toBeLessThan((await stageReach(db, head, november, filter, stages, context)).get(code("NEW"))!.count);
  });

  it("answers a viewer whose rules differ by stage from the reach rows for that pipeline, still as many as the drill-down lists", async () => {
    const p0 = org.pipelines[0]!.id;
    const base = org.seller;
    const own = structuredClone(base.access.pipelines[p0]!);
    own.stages[code("WON")]!.READ = "own";
    own.stages[code("NEW")]!.READ = "none";
    const mixed: Viewer = { ...base, access: { ...base.access, pipelines: { ...base.access.pipelines, [p0]: own } } };
    expect(pipelineMatrixScope(mixed, "READ", { orgId: s.deals.orgId, pipelineId: s.deals.pipelineId, assignedById: s.deals.assignedById, opened: s.deals.opened }).perStage).toEqual([p0]);
    for (const period of [november, { from: "2026-10-20", to: "2026-12-01" }]) {
      const figures = await stageReach(db, mixed, period, filter, stages, context);
      for (const stage of stages) {
        const listed = await countDeals(db, mixed, parseListQuery({ pipeline: String(p0), reached: String(stage.id), reachedFrom: period.from, reachedTo: lastDay(period) }), context);
        expect(listed, `stage ${stage.id} in ${period.from}`).toBe(figures.get(stage.id)?.count ?? 0);
      }
    }
  });

  it("hides the amounts of a pipeline that hides them from the viewer, and keeps the counts", async () => {
    const p0 = org.pipelines[0]!.id;
    const hiding: Viewer = { ...org.seller, access: { ...org.seller.access, pipelines: { ...org.seller.access.pipelines, [p0]: { ...org.seller.access.pipelines[p0]!, hideAmounts: true } } } };
    const shown = await stageReach(db, org.seller, november, filter, stages, context);
    const hidden = await stageReach(db, hiding, november, filter, stages, context);
    expect(shown.get(code("NEW"))!.sum).not.toBeNull();
    expect([...hidden.values()].map((f) => f.sum)).toEqual([...hidden.values()].map(() => null));
    expect(counts(hidden)).toEqual(counts(shown));
  });

  it("gives each responsible's entered, won and lost deals, each as many as its drill-down lists", async () => {
    const pipelines = [{ stages }];
    const byPerson = await responsibleOutcomes(db, org.admin, november, filter, pipelines, context);
    const brief = (id: number) => {
      const f = byPerson.get(id)!;
      return { entered: f.entered.count, won: [f.won.count, f.won.sum], lost: [f.lost.count, f.lost.sum] };
    };
    // The seller: A (won, 1,000), C and F (reopened) entered in November; "other": B (lost, 300), D; E entered in October but was won in November.
    expect(brief(org.seller.id)).toEqual({ entered: 3, won: [1, "1000"], lost: [0, "0"] });
    expect(brief(org.other.id)).toEqual({ entered: 2, won: [1, "500"], lost: [1, "300"] });
    const ids = (semantics: string) => stages.filter((st) => st.semantics === semantics).map((st) => String(st.id));
    for (const [person, figures] of byPerson) {
      const list = (reached: string[]) => countDeals(db, org.admin, parseListQuery({ reached, responsible: String(person), reachedFrom: "2026-11-01", reachedTo: "2026-11-30" }), context);
      expect(await list([String(code("NEW"))])).toBe(figures.entered.count);
      expect(await list(ids("S"))).toBe(figures.won.count);
      expect(await list(ids("F"))).toBe(figures.lost.count);
    }
  });

  it("lists each employee with conversion, average deal and overdue deals now, each overdue count as many as the counter's list", async () => {
    const [someSellerDeal] = await db.select({ id: s.deals.id }).from(s.deals).where(eq(s.deals.assignedById, org.seller.id)).limit(1);
    await db.insert(s.activities).values({ orgId: org.orgId, dealId: someSellerDeal!.id, type: "call", subject: "Late call", deadline: new Date(Date.now() - 3_600_000), responsibleId: org.seller.id });
    const pipeline = org.pipelines[0]!;
    const people = await db.select({ id: s.users.id, name: s.users.name, departmentId: s.users.departmentId, active: s.users.active }).from(s.users).where(eq(s.users.orgId, org.orgId));
    const report: Report = {
      query: parseAnalyticsQuery({}),
      period: november,
      previous: null,
      pipelines: [pipeline],
      reported: [pipeline],
      filter,
      people,
      departments: [],
      context,
    };
    const rows = await loadEmployees(db, org.admin, report);
    const seller = rows.find((r) => r.id === org.seller.id)!;
    // Won A (1,000) and nothing lost: 100%; F was won and reopened, so it is not won.
    expect([seller.won.count, seller.conversion, seller.averageDeal, seller.overdueNow]).toEqual([1, 100, "1000", 1]);
    // A: created on 3 November, won on the 20th.
    expect(seller.cycleDays).toBe(17);
    const other = rows.find((r) => r.id === org.other.id)!;
    expect([other.won.count, other.lost.count, other.conversion, other.averageDeal, other.overdueNow]).toEqual([1, 1, 50, "500", 0]);
    // E: in the funnel from 16:30 UTC on 31 October to 03:00 on 2 November, 34.5 hours.
    expect(other.cycleDays).toBe(1.4);
    for (const viewer of [org.admin, org.seller]) {
      for (const row of await loadEmployees(db, viewer, report)) {
        const listed = await countDeals(db, viewer, parseListQuery({ pipeline: String(pipeline.id), responsible: String(row.id), overdue: "1" }), context);
        expect(listed, `${viewer.name} counting ${row.name}`).toBe(row.overdueNow);
      }
    }
  });
});
