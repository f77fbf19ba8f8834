import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { parseBoardQuery } from "@/lib/board/url-state";
import { columnPage } from "@/lib/board/queries";
import { createDeal } from "@/lib/deals/service";
import { listDealsPage } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { createCustomField } from "@/lib/fields/service";
import { saveLayout } from "@/lib/layouts/service";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const forged = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString("base64url");
const context = () => ({ viewerId: org.admin.id, timezone: "Asia/Ho_Chi_Minh", fields: [] });

describe("values that must not reach the database", () => {
  it("a forged list or board cursor reads as the first page, never a database error", async () => {
    const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, title: "Cursor target" })));
    for (const after of [forged("2026-11-27 02:51:00+14:99", 1), forged("2026-11-27 02:51:00+00", 2 ** 31), forged("2026-02-30 00:00:00+00", 1)]) {
      const page = await listDealsPage(db, org.admin, parseListQuery({ after, size: "10" }), context());
      expect(page.rows.map((r) => r.id)).toContain(id);
      const stage = org.stage(0, "NEW");
      const column = await columnPage(db, org.admin, stage.pipelineId, { id: stage.id, name: stage.name, color: stage.color, semantics: "P", rotDays: null }, parseBoardQuery({ order: "newest" }), { ...context(), baseCurrency: "VND", rates: {} }, after);
      expect(column.cards.map((c) => c.id)).toContain(id);
    }
  });

  it("a NUL in a list's URL reads as an absent filter", async () => {
    await inTransaction(db, (tx) => createCustomField(tx, org.admin, fieldInput({ label: "Ghi chú", code: "UF_CRM_NOTE", showInFilter: true })));
    const fields = (await db.select().from(s.customFields).where(eq(s.customFields.orgId, org.orgId))).map((f) => ({ ...f, settings: f.settings ?? {} }));
    const query = parseListQuery({ q: "a\u0000b", "cf.UF_CRM_NOTE": "x\u0000", source: "\u0000", createdFrom: "2026-01-01\u0000" });
    expect(query.custom).toEqual([]);
    expect(query.createdFrom).toBeNull();
    await listDealsPage(db, org.admin, query, { ...context(), fields });
  });

  it("an id of another org taken from a form is refused before anything is written with it", async () => {
    const other = await makeOrg(db, "Another org");
    const layout = { sections: [{ name: "Main", fields: ["amount"] }], hidden: [] };
    const refused = await refusal(inTransaction(db, (tx) => saveLayout(tx, org.admin, other.pipelines[0]!.id, "common", layout)));
    expect(refused.fieldErrors).toEqual({ pipelineId: "errors.unknownOption" });
    expect(await db.$count(s.cardLayouts, eq(s.cardLayouts.pipelineId, other.pipelines[0]!.id))).toBe(0);
    const stranger = await refusal(inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: other.admin.id, companyId: other.company.id }))));
    expect(stranger.fieldErrors).toEqual({ assignedById: "errors.unknownOption", companyId: "errors.unknownOption" });
  });
});
