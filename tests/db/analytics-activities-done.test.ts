import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import * as s from "@/db/schema";
import { queryRows, type Db } from "@/db/client";
import { setActivityCompleted } from "@/lib/activities/service";
import { activitiesDone, foldActivityDone } from "@/lib/analytics/activities-done";
import type { Period } from "@/lib/analytics/period";
import { dayStart } from "@/lib/analytics/reach";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { dealScope, type Viewer } from "@/lib/permissions";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
const tz = "Asia/Ho_Chi_Minh";
const november = { from: "2026-11-01", to: "2026-12-01" };
const periods: Period[] = [
  november,
  { from: "2026-10-15", to: "2026-12-10" }, // days of October, November whole, days of December
  { from: "2026-11-05", to: "2026-11-20" }, // days only
  { from: "2026-10-01", to: "2027-01-01" }, // whole months only
];
const ids: Record<string, number> = {};
let pipelineIds: number[];

async function deal(name: string, pipeline: 0 | 1, extra: Partial<Parameters<typeof dealInput>[0]>) {
  ids[name] = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(pipeline, "NEW").id, title: name, ...extra })));
}

async function activity(dealName: string, responsible: Viewer, completedAt: string | null) {
  const [row] = await db
    .insert(s.activities)
    .values({ orgId: org.orgId, dealId: ids[dealName]!, type: "call", subject: `${dealName} call`, deadline: new Date("2026-11-01T00:00:00Z"), responsibleId: responsible.id, completed: completedAt !== null, completedAt: completedAt ? new Date(completedAt) : null })
    .returning({ id: s.activities.id });
  return row!.id;
}

/** The same figure the slow way: every done activity of the period joined to its deal under the rule. */
async function counted(viewer: Viewer, period: Period, responsibleIds: number[] | null = null): Promise<Record<number, number>> {
  const a = s.activities;
  const rows = await db
    .select({ id: a.responsibleId, n: sql<number>`count(*)::int` })
    .from(a)
    .innerJoin(s.deals, and(eq(s.deals.orgId, a.orgId), eq(s.deals.id, a.dealId)))
    .where(
      and(
        dealScope(viewer, "READ"),
        eq(a.completed, true),
        gte(a.completedAt, dayStart(period.from, tz)),
        lt(a.completedAt, dayStart(period.to, tz)),
        inArray(s.deals.pipelineId, pipelineIds),
        responsibleIds ? inArray(a.responsibleId, responsibleIds) : undefined,
      ),
    )
    .groupBy(a.responsibleId);
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.n)]));
}

const done = async (viewer: Viewer, period: Period, responsibleIds: number[] | null = null) =>
  Object.fromEntries(await activitiesDone(db, viewer, period, { pipelineIds, responsibleIds }, tz));

/** A viewer whose rules differ by stage in the first pipeline: the ledger cannot answer for it. */
function mixedSeller(): Viewer {
  const p0 = org.pipelines[0]!.id;
  const rules = structuredClone(org.seller.access.pipelines[p0]!);
  rules.stages[org.stage(0, "WON").id]!.READ = "all";
  rules.stages[org.stage(0, "NEW").id]!.READ = "own";
  return { ...org.seller, access: { ...org.seller.access, pipelines: { ...org.seller.access.pipelines, [p0]: rules } } };
}

async function expectAllAgree(label: string) {
  for (const viewer of [org.admin, org.seller, org.other, mixedSeller()]) {
    for (const period of periods) {
      expect(await done(viewer, period), `${label}: ${viewer.name} ${period.from}–${period.to}`).toEqual(await counted(viewer, period));
    }
    expect(await done(viewer, periods[1]!, [org.seller.id]), `${label}: ${viewer.name}, the seller only`).toEqual(await counted(viewer, periods[1]!, [org.seller.id]));
  }
}

const ledger = () => queryRows<Record<string, unknown>>(db, sql`select org_id, day::text, responsible_id, cur_pipeline_id, assigned_by_id, opened, sum(done)::int as done from activity_done_totals group by 1, 2, 3, 4, 5, 6 having sum(done) <> 0 order by 1, 2, 3, 4, 5, 6`);

async function expectLedgerRebuilds(label: string) {
  const kept = await ledger();
  expect(await foldActivityDone(db)).toBeGreaterThan(0);
  expect(await ledger(), `${label}: folded`).toEqual(kept);
  await db.execute(sql`select crm_rebuild_activity_done()`);
  expect(await ledger(), `${label}: rebuilt from the activities`).toEqual(kept);
}

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  pipelineIds = org.pipelines.map((p) => p.id);
  await deal("mine", 0, { assignedById: org.seller.id });
  await deal("closed", 0, { assignedById: org.other.id, opened: false });
  await deal("projects", 1, { assignedById: org.other.id, opened: true });
  await deal("won", 0, { assignedById: org.admin.id, opened: false });
  await inTransaction(db, (tx) => moveDeals(tx, org.admin, [ids.won!], { stageId: org.stage(0, "WON").id, afterId: null }));
  // 01:30 on 1 November in Ho Chi Minh City is still 31 October in UTC: November's.
  await activity("mine", org.seller, "2026-10-31T18:30:00Z");
  await activity("mine", org.seller, "2026-11-10T03:00:00Z");
  await activity("mine", org.seller, "2026-10-20T03:00:00Z");
  await activity("mine", org.seller, null);
  await activity("closed", org.other, "2026-11-03T03:00:00Z");
  await activity("closed", org.seller, "2026-11-25T03:00:00Z");
  await activity("projects", org.other, "2026-12-05T03:00:00Z");
  await activity("projects", org.other, "2026-11-15T03:00:00Z");
  await activity("won", org.admin, "2026-11-30T16:59:00Z"); // 23:59 on 30 November there
  await activity("won", org.seller, "2026-12-01T02:00:00Z");
});
afterAll(() => handle.close());

describe("activities done per employee", () => {
  it("counts each responsible's activities done in the period, in the org's calendar", async () => {
    expect(await done(org.admin, november)).toEqual({ [org.seller.id]: 3, [org.other.id]: 2, [org.admin.id]: 1 });
    expect(await done(org.admin, { from: "2026-11-05", to: "2026-11-20" })).toEqual({ [org.seller.id]: 1, [org.other.id]: 1 });
  });

  it("counts only the deals the viewer may read, from the ledger and from the activities alike", async () => {
    // The seller reads their own deal and open deals, not the other's closed one nor the admin's.
    expect(await done(org.seller, november)).toEqual({ [org.seller.id]: 2, [org.other.id]: 1 });
    await expectAllAgree("as created");
  });

  it("counts a deal the viewer only observes", async () => {
    await db.insert(s.dealObservers).values({ orgId: org.orgId, dealId: ids.closed!, userId: org.seller.id });
    expect(await done(org.seller, november)).toEqual({ [org.seller.id]: 3, [org.other.id]: 2 });
    await expectAllAgree("observed");
  });

  it("follows completing and reopening, the deal's pipeline, responsible and openness, and deletions; a rebuild gives the same ledger", async () => {
    const open = (await db.select({ id: s.activities.id }).from(s.activities).where(and(eq(s.activities.dealId, ids.mine!), eq(s.activities.completed, false))))[0]!.id;
    await inTransaction(db, (tx) => setActivityCompleted(tx, org.seller, open, true, new Date("2026-11-12T03:00:00Z")));
    expect((await done(org.admin, november))[org.seller.id]).toBe(4);
    const reopened = (await db.select({ id: s.activities.id }).from(s.activities).where(eq(s.activities.dealId, ids.projects!)))[0]!.id;
    await inTransaction(db, (tx) => setActivityCompleted(tx, org.admin, reopened, false));
    await expectAllAgree("completed and reopened");
    await expectLedgerRebuilds("completed and reopened");

    await db.update(s.deals).set({ pipelineId: org.pipelines[1]!.id, stageId: org.stage(1, "NEW").id }).where(eq(s.deals.id, ids.closed!));
    await db.update(s.deals).set({ assignedById: org.seller.id }).where(eq(s.deals.id, ids.won!));
    await db.update(s.deals).set({ opened: true }).where(eq(s.deals.id, ids.mine!));
    await expectAllAgree("deals changed");
    await expectLedgerRebuilds("deals changed");

    await db.delete(s.activities).where(eq(s.activities.id, reopened));
    await db.delete(s.deals).where(eq(s.deals.id, ids.projects!));
    expect(await done(org.admin, { from: "2026-12-01", to: "2027-01-01" })).toEqual({ [org.seller.id]: 1 });
    await expectAllAgree("deleted");
    await expectLedgerRebuilds("deleted");
  });
});
