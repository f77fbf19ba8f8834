import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import * as s from "@/db/schema";
import { queryRows, type Db } from "@/db/client";
import { minorUnits } from "@/lib/money/money";
import { bestProducts, foldWonProductTotals } from "@/lib/analytics/products";
import type { Period } from "@/lib/analytics/period";
import type { Report } from "@/lib/analytics/report";
import { parseAnalyticsQuery } from "@/lib/analytics/url-state";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { saveProductRows } from "@/lib/products/rows";
import { dealScope, type Viewer } from "@/lib/permissions";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let phone: number;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: { USD: "25000" } as Record<string, string>, fields: [] };
const periods: Period[] = [
  { from: "2026-11-01", to: "2026-12-01" },
  { from: "2026-10-15", to: "2026-12-10" }, // days of October, November whole, days of December
  { from: "2026-11-05", to: "2026-11-20" }, // days only
  { from: "2026-10-01", to: "2027-01-01" }, // whole months only
];
const ids: Record<string, number> = {};

async function report(period: Period): Promise<Report> {
  const people = await db.select({ id: s.users.id, name: s.users.name, departmentId: s.users.departmentId, active: s.users.active }).from(s.users).where(eq(s.users.orgId, org.orgId));
  const pipelines = org.pipelines;
  return { query: parseAnalyticsQuery({}), period, previous: null, pipelines, reported: pipelines, filter: { pipelineIds: pipelines.map((p) => p.id), responsibleIds: null }, people, departments: [], context };
}

async function deal(name: string, won: string | null, extra: Partial<Parameters<typeof dealInput>[0]> = {}) {
  const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, title: name, ...extra }), { now: new Date("2026-10-01T03:00:00Z") }));
  if (won) await inTransaction(db, (tx) => moveDeals(tx, org.admin, [id], { stageId: org.stage(0, "WON").id, afterId: null }, new Date(won)));
  ids[name] = id;
}

type Row = { productId: number | null; name: string; price: string; quantity: string; discountType?: "percent" | "absolute"; discountValue?: string; taxRate?: string | null; taxIncluded?: boolean };
async function withRows(id: number, rows: Row[]) {
  const [{ version }] = (await db.select({ version: s.deals.version }).from(s.deals).where(eq(s.deals.id, id))) as [{ version: number }];
  const full = rows.map((r, i) => ({ unit: "pcs", discountType: "percent" as const, discountValue: "0", taxRate: null, taxIncluded: false, sort: (i + 1) * 10, ...r }));
  await inTransaction(db, (tx) => saveProductRows(tx, org.admin, id, version, full, false));
}

/** A viewer whose rules differ by stage in the first pipeline: the monthly totals cannot answer for it. */
function mixedSeller(): Viewer {
  const p0 = org.pipelines[0]!.id;
  const rules = structuredClone(org.seller.access.pipelines[p0]!);
  rules.stages[org.stage(0, "WON").id]!.READ = "own";
  return { ...org.seller, access: { ...org.seller.access, pipelines: { ...org.seller.access.pipelines, [p0]: rules } } };
}

/** The same figures the slow way: the won products computed from the deals, read under the rule. */
async function counted(viewer: Viewer, period: Period) {
  const rows = await queryRows<{ product_key: number; name_key: string; deals: number; quantity: string; gross: string }>(
    db,
    sql`select v.product_key, v.name_key, count(*)::int as deals, sum(v.quantity)::text as quantity, sum(v.gross * case v.currency when 'USD' then 25000 else 1 end)::text as gross
        from won_deal_products_source v join ${s.deals} on ${s.deals.id} = v.deal_id
        where ${dealScope(viewer, "READ")} and v.won_at >= cast(${period.from} as date)::timestamp at time zone 'Asia/Ho_Chi_Minh' and v.won_at < cast(${period.to} as date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
        group by 1, 2 order by 1, 2`,
  );
  return rows.map((r) => ({ product: r.product_key === 0 ? r.name_key : r.product_key, deals: r.deals, quantity: Number(r.quantity), revenue: Number(r.gross) }));
}

async function reported(viewer: Viewer, period: Period) {
  const { rows } = await bestProducts(db, viewer, await report(period));
  return rows
    .map((r) => ({ product: r.productId ?? r.name.toLowerCase(), deals: r.deals, quantity: Number(r.quantity), revenue: Number(r.revenue) }))
    .sort((a, b) => String(a.product).localeCompare(String(b.product)) || 0)
    .sort((a, b) => (typeof a.product === "number" ? 0 : 1) - (typeof b.product === "number" ? 0 : 1) || (typeof a.product === "number" && typeof b.product === "number" ? a.product - b.product : 0));
}

async function expectAllAgree(label: string) {
  for (const viewer of [org.admin, org.seller, org.other, mixedSeller()]) {
    for (const period of periods) {
      const expected = (await counted(viewer, period)).sort((a, b) => (typeof a.product === "number" ? 0 : 1) - (typeof b.product === "number" ? 0 : 1) || (typeof a.product === "number" && typeof b.product === "number" ? a.product - b.product : String(a.product).localeCompare(String(b.product))));
      expect(await reported(viewer, period), `${label}: ${viewer.name} ${period.from}–${period.to}`).toEqual(expected);
    }
  }
}

const perDeal = () => queryRows<Record<string, unknown>>(db, sql`select * from won_deal_products order by deal_id, product_key, name_key`);
const computed = () =>
  queryRows<Record<string, unknown>>(
    db,
    sql`select org_id, deal_id, product_key, name_key, name, unit, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, quantity::numeric(24, 4) as quantity, gross::numeric(24, 2) as gross
        from won_deal_products_source order by deal_id, product_key, name_key`,
  );
const totals = () =>
  queryRows<Record<string, unknown>>(
    db,
    sql`select org_id, month::text, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency, sum(deals)::int as deals, sum(quantity)::text as quantity, sum(gross)::text as gross
        from won_product_totals group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 having sum(deals) <> 0 order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
  );

async function expectLedgerRebuilds(label: string) {
  expect(await perDeal(), `${label}: per deal`).toEqual(await computed());
  const kept = await totals();
  await foldWonProductTotals(db);
  expect(await totals(), `${label}: folded`).toEqual(kept);
  await db.execute(sql`select crm_rebuild_won_products()`);
  expect(await totals(), `${label}: rebuilt`).toEqual(kept);
}

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  const [made] = await db.insert(s.products).values({ orgId: org.orgId, name: "Điện thoại", price: "1000000" }).returning();
  phone = made!.id;
  await deal("mine", "2026-11-03T03:00:00Z", { assignedById: org.seller.id });
  await deal("closed", "2026-11-09T17:30:00Z", { assignedById: org.other.id, opened: false, currency: "USD", amount: "7" });
  await deal("october", "2026-10-20T03:00:00Z", { assignedById: org.seller.id });
  await deal("december", "2026-12-02T03:00:00Z", { assignedById: org.other.id, opened: true });
  await deal("open", null, { assignedById: org.seller.id });
  await withRows(ids.mine!, [
    { productId: phone, name: "Điện thoại", price: "1000000", quantity: "2", discountType: "percent", discountValue: "10", taxRate: "10" },
    { productId: phone, name: "Điện thoại", price: "1000000", quantity: "1" },
    { productId: null, name: "Lắp đặt", price: "500000", quantity: "1", taxRate: "8", taxIncluded: true },
  ]);
  await withRows(ids.closed!, [{ productId: phone, name: "Phone", price: "3.33", quantity: "3", discountType: "absolute", discountValue: "0.10", taxRate: "10" }]);
  await withRows(ids.october!, [{ productId: null, name: "lắp đặt", price: "200000", quantity: "1" }]);
  await withRows(ids.december!, [{ productId: phone, name: "Điện thoại", price: "900000", quantity: "1" }]);
  await withRows(ids.open!, [{ productId: phone, name: "Điện thoại", price: "1000000", quantity: "5" }]);
});
afterAll(() => handle.close());

describe("the won products ledger", () => {
  it("rounds a row's amount to the currency's minor unit in SQL as the app's money type does", async () => {
    for (const [currency, digits] of Object.entries(minorUnits)) {
      const [row] = await queryRows<{ n: number }>(db, sql`select crm_minor_units(${currency}) as n`);
      expect(Number(row!.n), currency).toBe(digits);
    }
  });

  it("keeps one row per won deal and product, with the deal's facts, and none for a deal not won", async () => {
    const rows = await perDeal();
    expect(rows.map((r) => [r.deal_id, r.product_key === 0 ? r.name_key : "phone", r.quantity, r.gross].join(" "))).toEqual([
      // The installation's tax is in its price; the phone: 2 × 900,000 + 10 % tax, and 1 × 1,000,000.
      `${ids.mine} lắp đặt 1.0000 500000.00`,
      `${ids.mine} phone 3.0000 2980000.00`,
      // (3.33 − 0.10) × 3 = 9.69, + 0.97 tax.
      `${ids.closed} phone 3.0000 10.66`,
      `${ids.october} lắp đặt 1.0000 200000.00`,
      `${ids.december} phone 1.0000 900000.00`,
    ]);
  });

  it("gives each reader the figures of the deals they may read, from the totals and from the days around them alike", async () => {
    await expectAllAgree("as made");
    await db.insert(s.dealObservers).values({ orgId: org.orgId, dealId: ids.closed!, userId: org.seller.id });
    await expectAllAgree("observed");
  });

  it("follows product rows, reopening and winning again, the deal's owner and currency, a deleted catalogue product and a deleted deal", async () => {
    await withRows(ids.december!, [{ productId: phone, name: "Điện thoại", price: "900000", quantity: "4" }]);
    await inTransaction(db, (tx) => moveDeals(tx, org.admin, [ids.october!], { stageId: org.stage(0, "NEW").id, afterId: null }, new Date("2026-11-20T03:00:00Z")));
    await inTransaction(db, (tx) => moveDeals(tx, org.admin, [ids.open!], { stageId: org.stage(0, "WON").id, afterId: null }, new Date("2026-11-21T03:00:00Z")));
    await db.update(s.deals).set({ assignedById: org.other.id, opened: false }).where(eq(s.deals.id, ids.mine!));
    await expectAllAgree("changed");
    await expectLedgerRebuilds("changed");

    await db.update(s.deals).set({ currency: "VND" }).where(eq(s.deals.id, ids.closed!));
    await db.delete(s.products).where(and(eq(s.products.orgId, org.orgId), eq(s.products.id, phone)));
    await db.delete(s.deals).where(eq(s.deals.id, ids.december!));
    expect((await perDeal()).filter((r) => r.deal_id === ids.december)).toEqual([]);
    await expectAllAgree("deleted");
    await expectLedgerRebuilds("deleted");
  });
});
