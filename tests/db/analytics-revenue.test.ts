import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { Db } from "@/db/client";
import { topCustomers } from "@/lib/analytics/customers";
import { openDealsHref, reachedListHref } from "@/lib/analytics/drill-down";
import { bestProducts } from "@/lib/analytics/products";
import { foldReachTotals } from "@/lib/analytics/reach";
import type { Report } from "@/lib/analytics/report";
import { forecast, wonOverTime, wonStages } from "@/lib/analytics/revenue";
import { parseAnalyticsQuery } from "@/lib/analytics/url-state";
import { countDeals } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { saveProductRows } from "@/lib/products/rows";
import { dealTotals } from "@/lib/products/totals";
import type { Viewer } from "@/lib/permissions";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let productIds: { phone: number; laptop: number };
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: { USD: "25000" } as Record<string, string>, fields: [] };
const code = (c: string) => org.stage(0, c).id;
const november = { from: "2026-11-01", to: "2026-12-01" };
const today = "2026-11-15";
const ids: Record<string, number> = {};

async function report(overrides: Partial<Report> = {}): Promise<Report> {
  const pipeline = org.pipelines[0]!;
  const people = await db.select({ id: s.users.id, name: s.users.name, departmentId: s.users.departmentId, active: s.users.active }).from(s.users).where(eq(s.users.orgId, org.orgId));
  return { query: parseAnalyticsQuery({}), period: november, previous: null, pipelines: [pipeline], reported: [pipeline], filter: { pipelineIds: [pipeline.id], responsibleIds: null }, people, departments: [], context, ...overrides };
}

/** A deal created at `created`, then moved to each stage at its time. */
async function deal(name: string, created: string, moves: [string, string][], extra: Partial<Parameters<typeof dealInput>[0]> = {}): Promise<number> {
  const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: code("NEW"), title: name, ...extra }), { now: new Date(created) }));
  for (const [stage, at] of moves) await inTransaction(db, (tx) => moveDeals(tx, org.admin, [id], { stageId: code(stage), afterId: null }, new Date(at)));
  ids[name] = id;
  return id;
}

const row = (productId: number | null, name: string, price: string, quantity: string, more: Partial<{ discountType: "percent" | "absolute"; discountValue: string; taxRate: string | null; taxIncluded: boolean }> = {}) => ({
  productId,
  name,
  price,
  quantity,
  unit: "pcs",
  discountType: "percent" as const,
  discountValue: "0",
  taxRate: null,
  taxIncluded: false,
  sort: 10,
  ...more,
});

async function withRows(id: number, rows: ReturnType<typeof row>[]) {
  const [{ version }] = await db.select({ version: s.deals.version }).from(s.deals).where(eq(s.deals.id, id)) as [{ version: number }];
  await inTransaction(db, (tx) => saveProductRows(tx, org.admin, id, version, rows, false));
}

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  const made = await db
    .insert(s.products)
    .values([
      { orgId: org.orgId, name: "Điện thoại", price: "1000000" },
      { orgId: org.orgId, name: "Laptop", price: "20000000" },
    ])
    .returning();
  productIds = { phone: made[0]!.id, laptop: made[1]!.id };
  const [c1, c2] = org.contacts;
  // Won on 3 November (a Tuesday), in the org's zone: the company's, with two contacts.
  await deal("A", "2026-10-20T03:00:00Z", [["WON", "2026-11-03T03:00:00Z"]], { assignedById: org.seller.id, amount: "1000", companyId: org.company.id, contactIds: [c1!.id, c2!.id] });
  // Won at 00:30 on 10 November there (still the 9th in UTC): a Monday, the second week.
  await deal("B", "2026-10-21T03:00:00Z", [["WON", "2026-11-09T17:30:00Z"]], { assignedById: org.other.id, opened: false, amount: "7", currency: "USD", contactIds: [c1!.id] });
  // Won in October: not November's.
  await deal("C", "2026-10-01T03:00:00Z", [["WON", "2026-10-15T03:00:00Z"]], { assignedById: org.other.id, amount: "300", companyId: org.company.id });
  // Won, then reopened: not won.
  await deal("D", "2026-11-01T03:00:00Z", [["WON", "2026-11-04T03:00:00Z"], ["EXECUTING", "2026-11-05T03:00:00Z"]], { assignedById: org.seller.id, amount: "50", companyId: org.company.id, closeDate: "2026-11-25" });
  // Open deals for the forecast (today is 15 November).
  await deal("E", "2026-11-02T03:00:00Z", [], { assignedById: org.seller.id, amount: "1000", probability: 30, closeDate: "2026-11-20" });
  await deal("F", "2026-11-02T03:00:00Z", [["PREPARATION", "2026-11-03T03:00:00Z"]], { assignedById: org.other.id, opened: false, amount: "2000", probability: 50, closeDate: "2026-12-31" });
  await deal("G", "2026-11-02T03:00:00Z", [], { assignedById: org.other.id, opened: false, amount: "4000", closeDate: "2026-12-01" }); // no probability
  await deal("H", "2026-11-02T03:00:00Z", [], { assignedById: org.seller.id, amount: "500", probability: 90, closeDate: "2026-11-10" }); // late
  await deal("I", "2026-11-02T03:00:00Z", [], { assignedById: org.seller.id, amount: "999", probability: 90, closeDate: "2028-01-10" }); // beyond the horizon
  // Product rows, saved as the card saves them (amounts do not follow, so A keeps 1,000).
  await withRows(ids.A!, [row(productIds.phone, "Điện thoại", "100", "3", { discountType: "percent", discountValue: "10", taxRate: "10" }), row(null, "Lắp đặt", "15", "1")]);
  await withRows(ids.B!, [row(productIds.phone, "Điện thoại", "2", "2", { taxRate: "10", taxIncluded: true }), row(productIds.laptop, "Laptop", "3", "1")]);
  await withRows(ids.C!, [row(productIds.laptop, "Laptop", "300", "1")]);
  await withRows(ids.D!, [row(productIds.laptop, "Laptop", "50", "1")]);
});
afterAll(() => handle.close());

const listed = (viewer: Viewer, href: string) => countDeals(db, viewer, parseListQuery(new URLSearchParams(href.split("?")[1])), context);

describe("won revenue over time", () => {
  it("cuts the won deals by the org's day, ISO week and month, and a bucket's drill-down lists as many", async () => {
    const r = await report();
    const days = await wonOverTime(db, org.admin, r, "day");
    expect(days).toHaveLength(30);
    const nonEmpty = days.filter((p) => p.now.count > 0).map((p) => [p.key, p.now.count, p.now.sum]);
    expect(nonEmpty).toEqual([
      ["2026-11-03", 1, "1000"],
      ["2026-11-10", 1, "175000"],
    ]);
    const weeks = await wonOverTime(db, org.admin, r, "week");
    // Weeks from Monday: 26 October (clipped to 1 November) holds nothing; 2 November holds A; 9 November holds B.
    expect(weeks.map((p) => [p.key, p.span.from, p.now.count])).toEqual([
      ["2026-10-26", "2026-11-01", 0],
      ["2026-11-02", "2026-11-02", 1],
      ["2026-11-09", "2026-11-09", 1],
      ["2026-11-16", "2026-11-16", 0],
      ["2026-11-23", "2026-11-23", 0],
      ["2026-11-30", "2026-11-30", 0],
    ]);
    const won = wonStages(r).map((st) => st.id);
    for (const viewer of [org.admin, org.seller]) {
      for (const point of await wonOverTime(db, viewer, r, "day")) {
        expect(await listed(viewer, reachedListHref(r.filter, null, won, point.span)), `${viewer.name} ${point.key}`).toBe(point.now.count);
      }
    }
  });

  it("gives the same month from the monthly totals as from the days, folded or not, and compares with the previous period", async () => {
    const r = await report({ period: { from: "2026-10-01", to: "2026-12-01" }, previous: { from: "2026-08-01", to: "2026-10-01" } });
    const before = await wonOverTime(db, org.admin, r, "month");
    await foldReachTotals(db);
    const months = await wonOverTime(db, org.admin, r, "month");
    expect(months).toEqual(before);
    expect(months.map((p) => [p.key, p.now.count, p.now.sum, p.before?.count])).toEqual([
      ["2026-10-01", 1, "300", 0],
      ["2026-11-01", 2, "176000", 0],
    ]);
    const days = await wonOverTime(db, org.admin, r, "day");
    expect(days.reduce((n, p) => n + p.now.count, 0)).toBe(3);
  });

  it("shows a sales person only the deals they may read, and no amount where their role hides it", async () => {
    const r = await report();
    const mine = await wonOverTime(db, org.seller, r, "month");
    expect(mine.map((p) => p.now.count)).toEqual([1]);
    const pipelineId = org.pipelines[0]!.id;
    const hiding: Viewer = { ...org.seller, access: { ...org.seller.access, pipelines: { ...org.seller.access.pipelines, [pipelineId]: { ...org.seller.access.pipelines[pipelineId]!, hideAmounts: true } } } };
    expect((await wonOverTime(db, hiding, r, "month")).map((p) => [p.now.count, p.now.sum])).toEqual([[1, null]]);
  });
});

describe("the forecast", () => {
  it("sums open deals per expected close month, weighted by probability, with the late ones first and nothing past the horizon", async () => {
    const rows = await forecast(db, org.admin, await report(), today);
    expect(rows).toHaveLength(13);
    const shown = rows.filter((row) => row.count > 0).map((row) => [row.key, row.count, row.withoutProbability, row.amount, row.weighted]);
    expect(shown).toEqual([
      ["overdue", 1, 0, "500", "450"],
      ["2026-11-01", 2, 1, "1050", "300"], // E (30 % of 1,000) and D, reopened, without a probability
      ["2026-12-01", 2, 1, "6000", "1000"],
    ]);
  });

  it("links each month to a list of as many deals, for an administrator and a sales person", async () => {
    for (const viewer of [org.admin, org.seller]) {
      const r = await report();
      const rows = await forecast(db, viewer, r, today);
      expect(await listed(viewer, openDealsHref(r.filter, null, null, "2026-11-14")), viewer.name).toBe(rows[0]!.count);
      expect(await listed(viewer, openDealsHref(r.filter, null, "2026-11-15", "2026-11-30")), viewer.name).toBe(rows[1]!.count);
      expect(await listed(viewer, openDealsHref(r.filter, null, "2026-12-01", "2026-12-31")), viewer.name).toBe(rows[2]!.count);
    }
    const sellers = await forecast(db, org.seller, await report(), today);
    expect(sellers.find((row) => row.key === "2026-12-01")!.count).toBe(0);
  });
});

describe("best-selling products", () => {
  it("sums the won deals' rows with discounts and tax as the deal's totals do, per catalogue product, typed rows apart", async () => {
    const { rows, total, revenue } = await bestProducts(db, org.admin, await report());
    expect(total).toBe(3);
    expect(revenue).toBe(String(rows.reduce((sum, r) => sum + Number(r.revenue), 0)));
    const phoneA = dealTotals([row(null, "", "100", "3", { discountValue: "10", taxRate: "10" })], "VND").gross; // 297
    const phoneB = dealTotals([row(null, "", "2", "2", { taxRate: "10", taxIncluded: true })], "USD").gross; // 4.00
    expect(rows.map((r) => [r.name, r.productId, r.deals, r.quantity, r.revenue])).toEqual([
      ["Điện thoại", productIds.phone, 2, "5", String(Number(phoneA) + Number(phoneB) * 25000)],
      ["Laptop", productIds.laptop, 1, "1", "75000"], // B only: C was won in October, D reopened
      ["Lắp đặt", null, 1, "1", "15"],
    ]);
  });

  it("links a product to a list of exactly its won deals, and hides amounts a role hides", async () => {
    const r = await report();
    const won = wonStages(r).map((st) => st.id);
    for (const viewer of [org.admin, org.seller]) {
      const { rows } = await bestProducts(db, viewer, r);
      for (const p of rows.filter((x) => x.productId !== null)) {
        expect(await listed(viewer, reachedListHref(r.filter, null, won, r.period, undefined, { product: p.productId! })), `${viewer.name} ${p.name}`).toBe(p.deals);
      }
    }
    // The seller reads A only: B (the other's) is neither counted nor named.
    expect((await bestProducts(db, org.seller, r)).rows.map((p) => [p.name, p.deals])).toEqual([
      ["Điện thoại", 1],
      ["Lắp đặt", 1],
    ]);
    const pipelineId = org.pipelines[0]!.id;
    const hiding: Viewer = { ...org.seller, access: { ...org.seller.access, pipelines: { ...org.seller.access.pipelines, [pipelineId]: { ...org.seller.access.pipelines[pipelineId]!, hideAmounts: true } } } };
    const hidden = await bestProducts(db, hiding, r);
    expect([hidden.revenue, ...hidden.rows.map((p) => p.revenue)]).toEqual([null, null, null]);
    expect(hidden.rows.map((p) => p.deals)).toEqual([1, 1]);
  });
});

describe("top customers", () => {
  it("ranks companies and contacts by won revenue, a deal counting for each of its contacts, and drills down to as many deals", async () => {
    const r = await report();
    const top = await topCustomers(db, org.admin, r);
    expect(top.companies.map((c) => [c.id, c.deals, c.revenue, c.averageDeal])).toEqual([[org.company.id, 1, "1000", "1000"]]);
    const [c1, c2] = org.contacts;
    expect(top.contacts.map((c) => [c.id, c.deals, c.revenue])).toEqual([
      [c1!.id, 2, "176000"],
      [c2!.id, 1, "1000"],
    ]);
    const won = wonStages(r).map((st) => st.id);
    for (const viewer of [org.admin, org.seller]) {
      const mine = await topCustomers(db, viewer, r);
      for (const c of mine.companies) expect(await listed(viewer, reachedListHref(r.filter, null, won, r.period, undefined, { company: c.id }))).toBe(c.deals);
      for (const c of mine.contacts) expect(await listed(viewer, reachedListHref(r.filter, null, won, r.period, undefined, { contact: c.id }))).toBe(c.deals);
    }
    // The seller does not learn that the first contact also bought through the other's deal.
    expect((await topCustomers(db, org.seller, r)).contacts.find((c) => c.id === c1!.id)!.deals).toBe(1);
  });
});
