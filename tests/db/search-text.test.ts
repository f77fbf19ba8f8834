import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { dealSearchText, refreshSearchText } from "@/lib/deals/search-text";
import { customCellReader } from "@/lib/fields/cells";
import { createCustomField } from "@/lib/fields/service";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { translator } from "@/lib/i18n/translate";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

describe("housekeeping at scale", () => {
  it("refreshes the search text of many deals in one statement, whatever their titles hold", async () => {
    const titles = ['Báo giá "camera" {A,B}', "Đường dẫn C:\\\\kho\\\\hàng", "Hợp đồng, phụ lục; 50%", "NULL", ""];
    const ids: number[] = [];
    for (const title of titles) ids.push(await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, title: title || null, companyId: org.company.id, contactIds: [org.contacts[0]!.id] }))));
    await db.update(s.deals).set({ searchText: "" }).where(inArray(s.deals.id, ids));
    await inTransaction(db, (tx) => refreshSearchText(tx, org.orgId, ids));
    const rows = await db.select({ id: s.deals.id, title: s.deals.title, searchText: s.deals.searchText }).from(s.deals).where(inArray(s.deals.id, ids));
    for (const row of rows) expect(row.searchText).toBe(dealSearchText({ title: row.title, companyTitle: org.company.title, contactNames: ["Nguyễn Văn An"] }));
  });

  it("an export's custom columns name records pages apart, reading the org's names once", async () => {
    await inTransaction(db, (tx) => createCustomField(tx, org.admin, fieldInput({ label: "Người liên hệ phụ", code: "UF_CRM_ALT", type: "crm", target: "contact" })));
    await inTransaction(db, (tx) => createCustomField(tx, org.admin, fieldInput({ label: "Kỹ thuật", code: "UF_CRM_TECH", type: "employee" })));
    const defs = (await getFieldDefinitions(db, org.admin)).filter((d) => d.code === "UF_CRM_ALT" || d.code === "UF_CRM_TECH");
    const read = customCellReader(db, org.orgId, defs);
    const i18n = { t: translator("en"), locale: "en" as const, timeZone: "Asia/Ho_Chi_Minh" };
    const first = await read([{ id: 1, custom: { UF_CRM_ALT: org.contacts[0]!.id, UF_CRM_TECH: org.seller.id } }], i18n);
    const second = await read([{ id: 2, custom: { UF_CRM_ALT: org.contacts[1]!.id } }], i18n);
    expect(first.get(1)).toEqual({ UF_CRM_ALT: "Nguyễn Văn An", UF_CRM_TECH: "seller" });
    expect(second.get(2)?.UF_CRM_ALT).toBe("Trần Thị Bích");
    const [renamed] = await db.update(s.users).set({ name: "renamed" }).where(eq(s.users.id, org.seller.id)).returning();
    // The org's names were read once, for the whole export.
    expect((await read([{ id: 3, custom: { UF_CRM_TECH: renamed!.id } }], i18n)).get(3)?.UF_CRM_TECH).toBe("seller");
  });
});
