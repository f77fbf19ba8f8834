import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { Db } from "@/db/client";
import { plansProgress, type PlanWorld } from "@/lib/analytics/plan-progress";
import { planRights, savePlan, visiblePlans, deletePlan } from "@/lib/analytics/plans";
import type { PlanInput } from "@/lib/analytics/plan-form";
import { countDeals } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { getPipelines } from "@/lib/org/queries";
import { viewerFor } from "@/lib/permissions/load";
import type { Viewer } from "@/lib/permissions";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let head: Viewer;
let world: PlanWorld;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: { USD: "25000" } as Record<string, string>, fields: [] };

async function wonDeal(who: number, amount: string, at: string, currency: "VND" | "USD" = "VND") {
  const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: who, amount, currency }), { now: new Date(at) }));
  await inTransaction(db, (tx) => moveDeals(tx, org.admin, [id], { stageId: org.stage(0, "WON").id, afterId: null }, new Date(at)));
  return id;
}
const plan = (input: Partial<PlanInput>): PlanInput => ({ target: "company", targetId: null, metric: "revenue", period: "month", periodStart: "2026-11-01", goal: "1000", ...input });

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  // The seller heads Team A (themselves only); "other" is in Sales, above it.
  await db.update(s.departments).set({ headUserId: org.seller.id }).where(eq(s.departments.id, org.departments.teamA.id));
  head = (await viewerFor(db, org.seller.id))!;
  await wonDeal(org.seller.id, "1000", "2026-11-10T03:00:00Z");
  await wonDeal(org.seller.id, "2", "2026-11-11T03:00:00Z", "USD"); // 50,000 in VND
  await wonDeal(org.other.id, "500", "2026-11-12T03:00:00Z");
  await wonDeal(org.other.id, "700", "2026-10-31T16:30:00Z"); // 23:30 on 31 October there: October's
  const people = await db.select({ id: s.users.id, name: s.users.name, departmentId: s.users.departmentId, active: s.users.active }).from(s.users).where(eq(s.users.orgId, org.orgId));
  const tree = await db.select({ id: s.departments.id, name: s.departments.name, parentId: s.departments.parentId }).from(s.departments).where(eq(s.departments.orgId, org.orgId));
  world = { pipelines: await getPipelines(db, org.orgId), people, departments: tree, context };
});
afterAll(() => handle.close());

describe("sales plans", () => {
  it("measures each plan by the deals won in its period, for the company, a pipeline, a department with those below it, and an employee", async () => {
    const ids = {
      company: await savePlan(db, org.admin, null, plan({ goal: "100000" })),
      pipeline: await savePlan(db, org.admin, null, plan({ target: "pipeline", targetId: org.pipelines[0]!.id, period: "quarter", periodStart: "2026-10-01", goal: "102200" })),
      sales: await savePlan(db, org.admin, null, plan({ target: "department", targetId: org.departments.sales.id, goal: "1550" })),
      teamA: await savePlan(db, org.admin, null, plan({ target: "department", targetId: org.departments.teamA.id, metric: "deals", goal: "4" })),
      seller: await savePlan(db, org.admin, null, plan({ target: "employee", targetId: org.seller.id, goal: "2000" })),
    };
    const plans = await visiblePlans(db, org.admin, "2026-11-01", "2026-12-01", await planRights(db, org.admin));
    const progress = new Map((await plansProgress(db, org.admin, plans, world)).map((p) => [p.id, p]));
    const brief = (id: number) => [progress.get(id)!.actual, progress.get(id)!.percent];
    expect(brief(ids.company)).toEqual(["51500", 51.5]);
    // The quarter holds October's deal too.
    expect(brief(ids.pipeline)).toEqual(["52200", 51.1]);
    expect(brief(ids.sales)).toEqual(["51500", 3322.6]);
    expect(brief(ids.teamA)).toEqual(["2", 50]);
    expect(brief(ids.seller)).toEqual(["51000", 2550]);
    // Each figure's link lists exactly the deals it counts.
    for (const p of progress.values()) {
      const listed = await countDeals(db, org.admin, parseListQuery(new URLSearchParams(p.href.split("?")[1])), context);
      const expected = p.metric === "deals" ? Number(p.actual) : { [ids.company]: 3, [ids.pipeline]: 4, [ids.sales]: 3, [ids.seller]: 2 }[p.id];
      expect(listed, `plan ${p.target}`).toBe(expected);
    }
    for (const id of Object.values(ids)) await deletePlan(db, org.admin, id);
  });

  it("lets a department head set plans for their departments and people only, and shows a sales person their own, their departments' and the company's", async () => {
    const own = await savePlan(db, head, null, plan({ target: "employee", targetId: org.seller.id, goal: "10" }));
    expect((await refusal(savePlan(db, head, null, plan({ target: "employee", targetId: org.other.id })))).messageKey).toBe("errors.forbidden");
    expect((await refusal(savePlan(db, head, null, plan({ target: "department", targetId: org.departments.sales.id })))).messageKey).toBe("errors.forbidden");
    expect((await refusal(savePlan(db, head, null, plan({})))).messageKey).toBe("errors.forbidden");
    expect((await refusal(savePlan(db, org.other, null, plan({ target: "employee", targetId: org.other.id })))).messageKey).toBe("errors.forbidden");
    const othersPlan = await savePlan(db, org.admin, null, plan({ target: "employee", targetId: org.other.id }));
    const salesPlan = await savePlan(db, org.admin, null, plan({ target: "department", targetId: org.departments.sales.id }));
    const company = await savePlan(db, org.admin, null, plan({}));
    // The head may not touch the admin's plan for "other", even by its id.
    expect((await refusal(deletePlan(db, head, othersPlan))).messageKey).toBe("errors.notFound");
    const seen = (await visiblePlans(db, head, "2026-11-01", "2026-12-01", await planRights(db, head))).map((p) => p.id);
    expect(seen.sort()).toEqual([own, salesPlan, company].sort());
    for (const id of [own, othersPlan, salesPlan, company]) await deletePlan(db, org.admin, id);
  });

  it("refuses a second plan for the same target, goal and period, and a target of another org", async () => {
    const first = await savePlan(db, org.admin, null, plan({ target: "employee", targetId: org.seller.id }));
    expect((await refusal(savePlan(db, org.admin, null, plan({ target: "employee", targetId: org.seller.id, goal: "5" })))).messageKey).toBe("analytics.plans.duplicate");
    // Changing it into itself is no duplicate.
    await savePlan(db, org.admin, first, plan({ target: "employee", targetId: org.seller.id, goal: "5" }));
    const stranger = await makeOrg(db, "Other org");
    expect((await refusal(savePlan(db, org.admin, null, plan({ target: "employee", targetId: stranger.seller.id })))).messageKey).toBe("analytics.plans.pickTarget");
    expect((await refusal(savePlan(db, org.admin, first, plan({ target: "pipeline", targetId: stranger.pipelines[0]!.id })))).messageKey).toBe("analytics.plans.pickTarget");
    await deletePlan(db, org.admin, first);
  });

  it("counts for a sales person only the won deals they may read", async () => {
    const hidden = await wonDeal(org.other.id, "9", "2026-11-20T03:00:00Z");
    await db.update(s.deals).set({ opened: false }).where(eq(s.deals.id, hidden));
    const company = await savePlan(db, org.admin, null, plan({ metric: "deals", goal: "10" }));
    const plans = await visiblePlans(db, org.other, "2026-11-01", "2026-12-01", await planRights(db, org.other));
    const [forSeller] = await plansProgress(db, org.seller, plans, world);
    const [forAdmin] = await plansProgress(db, org.admin, plans, world);
    expect(Number(forAdmin!.actual) - Number(forSeller!.actual)).toBe(1);
    await deletePlan(db, org.admin, company);
  });
});
