import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { Db } from "@/db/client";
import { ActionError } from "@/lib/actions/errors";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { bestProducts, bestSections } from "@/lib/analytics/products";
import type { Report } from "@/lib/analytics/report";
import { wonStages } from "@/lib/analytics/revenue";
import { parseAnalyticsQuery } from "@/lib/analytics/url-state";
import { countDeals } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { createProduct, updateProduct, type ProductInput } from "@/lib/products/catalogue";
import { saveProductRows } from "@/lib/products/rows";
import { createSection, deleteSection, getSections, renameSection } from "@/lib/products/sections";
import type { Viewer } from "@/lib/permissions";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: {} as Record<string, string>, fields: [] };
const november = { from: "2026-11-01", to: "2026-12-01" };
const ids: Record<string, number> = {};
const product = (name: string, sectionId: number | null): ProductInput => ({ name, sku: null, price: "1000000", currency: "VND", unit: "pcs", taxRate: null, active: true, sectionId });

async function report(): Promise<Report> {
  const pipeline = org.pipelines[0]!;
  return { query: parseAnalyticsQuery({}), period: november, previous: null, pipelines: [pipeline], reported: [pipeline], filter: { pipelineIds: [pipeline.id], responsibleIds: null }, people: [], departments: [], context };
}

async function wonDeal(name: string, assignedById: number, rows: { productId: number | null; name: string; price: string }[], opened = true) {
  const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, title: name, assignedById, opened }), { now: new Date("2026-11-01T03:00:00Z") }));
  const [{ version }] = (await db.select({ version: s.deals.version }).from(s.deals).where(eq(s.deals.id, id))) as [{ version: number }];
  await inTransaction(db, (tx) =>
    saveProductRows(tx, org.admin, id, version, rows.map((r, i) => ({ ...r, quantity: "1", unit: "pcs", discountType: "percent" as const, discountValue: "0", taxRate: null, taxIncluded: false, sort: i })), false),
  );
  await inTransaction(db, (tx) => moveDeals(tx, org.admin, [id], { stageId: org.stage(0, "WON").id, afterId: null }, new Date("2026-11-10T03:00:00Z")));
  ids[name] = id;
}

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
});
afterAll(() => handle.close());

describe("sections of the catalogue", () => {
  it("are created, renamed and deleted by whoever sets the org up; a name is taken whatever its case", async () => {
    const cameras = await createSection(db, org.admin, "Camera");
    await expect(createSection(db, org.admin, "camera")).rejects.toMatchObject({ messageKey: "products.sections.taken", fieldErrors: { name: "products.sections.taken" } });
    await expect(createSection(db, org.seller, "Dịch vụ")).rejects.toBeInstanceOf(ActionError);
    const services = await createSection(db, org.admin, "Dịch vụ");
    await expect(renameSection(db, org.admin, services, "CAMERA")).rejects.toMatchObject({ messageKey: "products.sections.taken" });
    await renameSection(db, org.admin, services, "Dịch vụ lắp đặt");
    expect((await getSections(db, org.orgId)).map((x) => x.name)).toEqual(["Camera", "Dịch vụ lắp đặt"]);
    ids.cameras = cameras;
    ids.services = services;
  });

  it("refuse a product placed in another org's section, and deleting one leaves its products in no section", async () => {
    const other = await makeOrg(db, "Other org");
    const foreign = await createSection(db, other.admin, "Theirs");
    await expect(createProduct(db, org.admin, product("Camera IP", foreign))).rejects.toMatchObject({ fieldErrors: { sectionId: "errors.unknownOption" } });
    const temporary = await createSection(db, org.admin, "Tạm");
    const kept = await createProduct(db, org.admin, product("Ổ cứng", temporary));
    expect(await deleteSection(db, org.admin, temporary)).toBe(1);
    const [row] = await db.select({ sectionId: s.products.sectionId }).from(s.products).where(eq(s.products.id, kept));
    expect(row!.sectionId).toBeNull();
    await expect(updateProduct(db, org.admin, kept, product("Ổ cứng", foreign))).rejects.toMatchObject({ fieldErrors: { sectionId: "errors.unknownOption" } });
    ids.disk = kept;
  });

  it("add up the best products per section, typed rows and products in no section apart, and each section links to exactly its won deals", async () => {
    const camera = await createProduct(db, org.admin, product("Camera IP", ids.cameras!));
    const dome = await createProduct(db, org.admin, product("Camera Dome", ids.cameras!));
    const setup = await createProduct(db, org.admin, product("Lắp đặt", ids.services!));
    await wonDeal("A", org.seller.id, [{ productId: camera, name: "Camera IP", price: "3000000" }, { productId: dome, name: "Camera Dome", price: "2000000" }]);
    await wonDeal("B", org.other.id, [{ productId: camera, name: "Camera IP", price: "3000000" }, { productId: setup, name: "Lắp đặt", price: "500000" }], false);
    await wonDeal("C", org.seller.id, [{ productId: ids.disk!, name: "Ổ cứng", price: "700000" }, { productId: null, name: "Công vận chuyển", price: "100000" }]);
    const r = await report();
    const sections = await bestSections(db, org.admin, r);
    expect(sections.map((x) => [x.sectionId === null ? (x.typed ? "typed" : "none") : x.name, x.products, x.revenue])).toEqual([
      ["Camera", 2, "8000000"],
      ["none", 1, "700000"],
      ["Dịch vụ lắp đặt", 1, "500000"],
      ["typed", 1, "100000"],
    ]);
    // Each section's revenue is its products' revenue in the products table.
    const { rows } = await bestProducts(db, org.admin, r);
    const cameraRevenue = rows.filter((p) => p.productId === camera || p.productId === dome).reduce((n, p) => n + Number(p.revenue), 0);
    expect(Number(sections[0]!.revenue)).toBe(cameraRevenue);
    const won = wonStages(r).map((x) => x.id);
    const listed = async (viewer: Viewer, section: number) => {
      const href = reachedListHref(r.filter, null, won, r.period, undefined, { section });
      return countDeals(db, viewer, parseListQuery(new URLSearchParams(href.split("?")[1])), context);
    };
    expect(await listed(org.admin, ids.cameras!)).toBe(2);
    expect(await listed(org.admin, ids.services!)).toBe(1);
  });

  it("count for a sales person only the deals they may read", async () => {
    // B is someone else's and closed: the seller sees neither its camera nor its installation.
    const sections = await bestSections(db, org.seller, await report());
    expect(sections.map((x) => [x.sectionId === null ? (x.typed ? "typed" : "none") : x.name, x.products, x.revenue])).toEqual([
      ["Camera", 2, "5000000"],
      ["none", 1, "700000"],
      ["typed", 1, "100000"],
    ]);
    const href = reachedListHref((await report()).filter, null, wonStages(await report()).map((x) => x.id), november, undefined, { section: ids.services! });
    expect(await countDeals(db, org.seller, parseListQuery(new URLSearchParams(href.split("?")[1])), context)).toBe(0);
  });
});
