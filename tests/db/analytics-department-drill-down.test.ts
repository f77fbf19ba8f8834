import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import type { Db } from "@/db/client";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { stageReach, type ReportFilter } from "@/lib/analytics/reach";
import { responsiblesOf } from "@/lib/analytics/report";
import { countDeals } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { createDeal } from "@/lib/deals/service";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let last: number;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: {} as Record<string, string>, fields: [] };
const year = { from: "2026-01-01", to: "2027-01-01" };
const listed = (href: string) => countDeals(db, org.admin, parseListQuery(new URLSearchParams(href.split("?")[1])), context);

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  // Team A grows past the list's 200 named responsibles; the last of them has a deal.
  const many = await db
    .insert(s.users)
    .values(Array.from({ length: 205 }, (_, i) => ({ orgId: org.orgId, email: `member${i}.${org.orgId}@test.local`, name: `Member ${i}`, passwordHash: "x", departmentId: org.departments.teamA.id })))
    .returning({ id: s.users.id });
  last = many.at(-1)!.id;
  const at = { now: new Date("2026-06-01T03:00:00Z") };
  const stageId = org.stage(0, "NEW").id;
  for (const assignedById of [org.seller.id, org.seller.id, last, org.other.id, org.admin.id]) {
    await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId, assignedById }), at));
  }
});
afterAll(() => handle.close());

describe("a department's figures link to its deals, however many people it has", () => {
  it("filters the list by a department and those below it", async () => {
    const count = (department: number) => countDeals(db, org.admin, parseListQuery({ department: String(department) }), context);
    expect(await count(org.departments.teamA.id)).toBe(3);
    expect(await count(org.departments.sales.id)).toBe(5);
  });

  it("passes the department on, not 200 of its people, and the list counts as many deals as the figure", async () => {
    const people = await db.select({ id: s.users.id, name: s.users.name, departmentId: s.users.departmentId, active: s.users.active }).from(s.users);
    const tree = [
      { id: org.departments.sales.id, name: "Sales", parentId: null },
      { id: org.departments.teamA.id, name: "Team A", parentId: org.departments.sales.id },
    ];
    const responsibleIds = responsiblesOf({ department: org.departments.teamA.id, responsible: [] }, people, tree)!;
    expect(responsibleIds.length).toBeGreaterThan(200);
    const filter: ReportFilter = { pipelineIds: [org.pipelines[0]!.id], responsibleIds, departmentId: org.departments.teamA.id };
    const first = org.stage(0, "NEW");
    const figure = (await stageReach(db, org.admin, year, filter, [{ id: first.id, pipelineId: first.pipelineId, semantics: "P" }], context)).get(first.id)!;
    expect(figure.count).toBe(3);
    const href = reachedListHref(filter, null, [first.id], year);
    expect(href).toContain(`department=${org.departments.teamA.id}`);
    expect(href).not.toContain("responsible=");
    expect(await listed(href)).toBe(figure.count);
    // A person's own row still names that person.
    expect(await listed(reachedListHref(filter, null, [first.id], year, [last]))).toBe(1);
  });
});
