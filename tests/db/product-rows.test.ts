import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { createProduct } from "@/lib/products/catalogue";
import type { ProductRowForm } from "@/lib/products/row-form";
import { saveProductRows } from "@/lib/products/rows";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const r = (x: Partial<ProductRowForm>): ProductRowForm => ({ productId: null, name: "", price: null, quantity: "1", unit: "", discountType: "percent", discountValue: "0", taxRate: null, taxIncluded: false, sort: 0, ...x });
const dealOf = async (id: number) => (await db.select().from(s.deals).where(eq(s.deals.id, id)))[0]!;

describe("product rows", () => {
  it("fill catalogue rows (price converted to the deal's currency), order them, and make the amount follow", async () => {
    await db.insert(s.currencyRates).values({ orgId: org.orgId, currency: "USD", rate: "25000" });
    const camera = await inTx((tx) => createProduct(tx, org.admin, { name: "Camera", sku: "CAM", price: "100", currency: "USD", unit: "pcs", taxRate: "10", active: true, sectionId: null }));
    const id = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, amount: "0" })));
    await inTx((tx) => saveProductRows(tx, org.seller, id, 1, [r({ name: "Lắp đặt", price: "500000", sort: 20 }), r({ productId: camera, quantity: "2", discountValue: "10", sort: 10 })], true));
    const rows = await db.select().from(s.dealProducts).where(eq(s.dealProducts.dealId, id)).orderBy(asc(s.dealProducts.sort));
    expect(rows.map((x) => [x.name, Number(x.price), x.unit, x.taxRate && Number(x.taxRate)])).toEqual([
      ["Camera", 2_500_000, "pcs", 10],
      ["Lắp đặt", 500_000, "pcs", null],
    ]);
    // 2 × 2,500,000 − 10% = 4,500,000 + 10% VAT = 4,950,000; plus 500,000.
    expect(Number((await dealOf(id)).amount)).toBe(5_450_000);
    const events = await db.select().from(s.dealEvents).where(and(eq(s.dealEvents.dealId, id), eq(s.dealEvents.kind, "updated")));
    expect(events.flatMap((e) => e.changes.map((c) => c.field))).toEqual(expect.arrayContaining(["products", "amount"]));
  });

  it("refuse a stale editor, a product from elsewhere, and a currency without a rate", async () => {
    const id = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id })));
    await inTx((tx) => saveProductRows(tx, org.seller, id, 1, [r({ name: "A", price: "1" })], false));
    expect((await refusal(inTx((tx) => saveProductRows(tx, org.seller, id, 1, [], false)))).code).toBe("stale");
    const version = (await dealOf(id)).version;
    expect((await refusal(inTx((tx) => saveProductRows(tx, org.seller, id, version, [r({ productId: 999_999 })], false)))).messageKey).toBe("errors.unknownOption");
    const euro = await inTx((tx) => createProduct(tx, org.admin, { name: "Licence", sku: null, price: "10", currency: "EUR", unit: "pcs", taxRate: null, active: true, sectionId: null }));
    const noRate = await refusal(inTx((tx) => saveProductRows(tx, org.seller, id, version, [r({ productId: euro })], false)));
    expect([noRate.messageKey, noRate.vars]).toEqual(["products.noRate", { currency: "EUR" }]);
    // Nothing of the refused saves landed.
    expect((await db.select().from(s.dealProducts).where(eq(s.dealProducts.dealId, id))).map((x) => x.name)).toEqual(["A"]);
    // A manual amount stays as typed.
    expect((await dealOf(id)).isManualAmount).toBe(true);
  });

  it("may be changed only by who may change the deal", async () => {
    const id = await inTx((tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "NEW").id })));
    const readOnly = { ...org.seller, access: { ...org.seller.access, pipelines: {} } };
    expect((await refusal(inTx((tx) => saveProductRows(tx, readOnly, id, 1, [r({ name: "x", price: "1" })], false)))).code).toBe("notFound");
  });
});
