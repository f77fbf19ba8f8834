import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { applyBulk } from "@/lib/deals/bulk/apply";
import { moveDeals } from "@/lib/deals/move";
import { setRequiredFields } from "@/lib/deals/required/service";
import { createDeal, patchDeal, updateDeal } from "@/lib/deals/service";
import { getCustomFields } from "@/lib/fields/queries";
import { createCustomField, deleteCustomField, updateCustomField, type FieldDefinitionInput } from "@/lib/fields/service";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const field = (overrides: Partial<FieldDefinitionInput>) => fieldInput({ label: "Field", ...overrides });
const dealOf = async (id: number) => (await db.select().from(s.deals).where(eq(s.deals.id, id)))[0]!;

describe("custom field definitions", () => {
  it("are made by administrators, with a code from the label that stays unique", async () => {
    expect((await refusal(inTx((tx) => createCustomField(tx, org.seller, field({ label: "Region" }))))).code).toBe("forbidden");
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Vùng miền" })));
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Vùng miền" })));
    const codes = (await getCustomFields(db, org.orgId)).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["UF_CRM_VUNG_MIEN", "UF_CRM_VUNG_MIEN_2"]));
    const taken = await refusal(inTx((tx) => createCustomField(tx, org.admin, field({ label: "Other", code: "UF_CRM_VUNG_MIEN" }))));
    expect(taken.fieldErrors).toEqual({ code: "fields.codeTaken" });
    expect((await refusal(inTx((tx) => createCustomField(tx, org.admin, field({ label: "Bad", code: "UF_CRM_bad" }))))).fieldErrors).toEqual({ code: "fields.badCode" });
    expect((await refusal(inTx((tx) => createCustomField(tx, org.admin, field({ label: "List", type: "enumeration" }))))).fieldErrors).toEqual({ options: "fields.optionsRequired" });
  });

  it("keep option ids when options are renamed around them; removing an option removes its values", async () => {
    const id = await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Size", code: "UF_CRM_SIZE", type: "enumeration", multiple: true, options: ["S", "M", "L"] })));
    const [def] = (await getCustomFields(db, org.orgId)).filter((f) => f.id === id);
    const [small, medium, large] = def!.settings.options!.map((o) => o.id);
    const deal = await inTx((tx) => createDeal(tx, org.admin, { ...dealInput({ stageId: org.stage(0, "NEW").id }), custom: { UF_CRM_SIZE: [small!, large!] } }));
    const single = await inTx((tx) => createDeal(tx, org.admin, { ...dealInput({ stageId: org.stage(0, "NEW").id }), custom: { UF_CRM_SIZE: [medium!] } }));
    await inTx((tx) => updateCustomField(tx, org.admin, id, field({ label: "Size", type: "enumeration", options: ["XL", "S", "L"] })));
    const after = (await getCustomFields(db, org.orgId)).find((f) => f.id === id)!;
    expect(after.settings.options).toEqual([
      { id: large! + 1, label: "XL" },
      { id: small, label: "S" },
      { id: large, label: "L" },
    ]);
    expect(after.multiple).toBe(true); // a field holding lists stays a list
    expect((await dealOf(deal)).custom.UF_CRM_SIZE).toEqual([small, large]);
    expect((await dealOf(single)).custom.UF_CRM_SIZE).toEqual([]);
  });

  it("deleting one removes its values from every deal and its stage requirements", async () => {
    const id = await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Temp", code: "UF_CRM_TEMP" })));
    const deal = await inTx((tx) => createDeal(tx, org.admin, { ...dealInput({ stageId: org.stage(0, "NEW").id }), custom: { UF_CRM_TEMP: "x" } }));
    await setRequiredFields(db, org.orgId, org.stage(0, "PREPARATION").id, ["UF_CRM_TEMP", "amount"]);
    await inTx((tx) => deleteCustomField(tx, org.admin, id));
    expect((await dealOf(deal)).custom).not.toHaveProperty("UF_CRM_TEMP");
    const left = await db.select().from(s.stageRequiredFields).where(eq(s.stageRequiredFields.stageId, org.stage(0, "PREPARATION").id));
    expect(left.map((r) => r.field)).toEqual(["amount"]);
    await setRequiredFields(db, org.orgId, org.stage(0, "PREPARATION").id, []);
  });
});

describe("deals with custom values", () => {
  it("stores them, records changes in the history, and refuses records from elsewhere", async () => {
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Account manager", code: "UF_CRM_AM", type: "employee" })));
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Tax code", code: "UF_CRM_TAX" })));
    const id = await inTx((tx) => createDeal(tx, org.seller, { ...dealInput({ stageId: org.stage(0, "NEW").id }), custom: { UF_CRM_AM: org.other.id, UF_CRM_TAX: "0301" } }));
    expect((await dealOf(id)).custom).toEqual({ UF_CRM_AM: org.other.id, UF_CRM_TAX: "0301" });
    // An edit that sends only one field changes only that one.
    await inTx((tx) => updateDeal(tx, org.seller, id, 1, { ...dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.seller.id }), custom: { UF_CRM_TAX: null } }));
    expect((await dealOf(id)).custom).toEqual({ UF_CRM_AM: org.other.id });
    const [event] = await db.select().from(s.dealEvents).where(and(eq(s.dealEvents.dealId, id), eq(s.dealEvents.kind, "updated")));
    expect(event!.changes).toContainEqual({ field: "UF_CRM_TAX", old: "0301", new: null });
    const wrong = await refusal(inTx((tx) => updateDeal(tx, org.seller, id, 2, { ...dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.seller.id }), custom: { UF_CRM_AM: 999_999 } })));
    expect(wrong.fieldErrors).toEqual({ "cf:UF_CRM_AM": "errors.unknownOption" });
  });

  it("a custom field required at a stage is asked for on the board, in bulk and in the form", async () => {
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Contract no.", code: "UF_CRM_CONTRACT" })));
    const target = org.stage(0, "PREPARATION");
    await setRequiredFields(db, org.orgId, target.id, ["UF_CRM_CONTRACT"]);
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id })));
    const board = await refusal(inTx((tx) => moveDeals(tx, org.admin, [id], { stageId: target.id, afterId: null })));
    expect(board.messageKey).toBe("errors.requiredAtStage");
    expect(board.fieldErrors).toEqual({ "cf:UF_CRM_CONTRACT": "errors.requiredHere" });
    const bulk = await inTx((tx) => applyBulk(tx, org.admin, { kind: "stage", stageId: target.id }, [id]));
    expect(bulk.refused.map((r) => r.reason)).toEqual(["errors.requiredAtStage"]);
    const form = await refusal(inTx((tx) => updateDeal(tx, org.admin, id, 1, dealInput({ stageId: target.id, assignedById: org.admin.id }))));
    expect(form.fieldErrors).toEqual({ "cf:UF_CRM_CONTRACT": "errors.requiredHere" });
    await inTx((tx) => updateDeal(tx, org.admin, id, 1, { ...dealInput({ stageId: target.id, assignedById: org.admin.id }), custom: { UF_CRM_CONTRACT: "HĐ-01" } }));
    expect((await dealOf(id)).stageId).toBe(target.id);
    await setRequiredFields(db, org.orgId, target.id, []);
  });
});

describe("list filters on custom fields", () => {
  it("filter by each kind of field, ignore what does not fit, and only on fields shown in the filter", async () => {
    const { listDealsPage } = await import("@/lib/deals/list/queries");
    const { parseListQuery } = await import("@/lib/deals/list/url-state");
    const { getFilterableFields } = await import("@/lib/fields/queries");
    const mk = (label: string, code: string, extra: Partial<FieldDefinitionInput>) => inTx((tx) => createCustomField(tx, org.admin, field({ label, code, showInFilter: true, ...extra })));
    await mk("Ghi chú", "UF_CRM_F_TEXT", { type: "string" });
    await mk("Seats", "UF_CRM_F_INT", { type: "integer" });
    await mk("Budget", "UF_CRM_F_MONEY", { type: "money" });
    await mk("Signed", "UF_CRM_F_DATE", { type: "date" });
    await mk("Hot", "UF_CRM_F_BOOL", { type: "boolean" });
    const tagsId = await mk("Tags", "UF_CRM_F_TAGS", { type: "enumeration", multiple: true, options: ["A", "B", "C"] });
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Hidden", code: "UF_CRM_F_HIDDEN" })));
    const tags = (await getCustomFields(db, org.orgId)).find((f) => f.id === tagsId)!.settings.options!.map((o) => o.id);
    const make = (title: string, custom: Record<string, unknown>) =>
      inTx((tx) => createDeal(tx, org.admin, { ...dealInput({ stageId: org.stage(1, "NEW").id, title }), custom: custom as never }));
    const one = await make("cf one", { UF_CRM_F_TEXT: "Khách hàng Đà Nẵng", UF_CRM_F_INT: 5, UF_CRM_F_MONEY: { amount: "1000", currency: "USD" }, UF_CRM_F_DATE: "2026-03-01", UF_CRM_F_BOOL: true, UF_CRM_F_TAGS: [tags[0], tags[2]], UF_CRM_F_HIDDEN: "x" });
    const two = await make("cf two", { UF_CRM_F_TEXT: "Hà Nội", UF_CRM_F_INT: 50, UF_CRM_F_MONEY: { amount: "250000000", currency: "VND" }, UF_CRM_F_DATE: "2026-09-15", UF_CRM_F_BOOL: false, UF_CRM_F_TAGS: [tags[1]] });
    const three = await make("cf three", {});
    const context = { viewerId: org.admin.id, timezone: "Asia/Ho_Chi_Minh", fields: await getFilterableFields(db, org.admin) };
    const found = async (params: Record<string, string>) =>
      (await listDealsPage(db, org.admin, parseListQuery({ pipeline: String(org.pipelines[1]!.id), size: "200", ...params }), context)).rows.map((r) => r.id).filter((id) => [one, two, three].includes(id)).sort((a, b) => a - b);
    expect(await found({ "cf.UF_CRM_F_TEXT": "da nang" })).toEqual([one]);
    expect(await found({ "cf.UF_CRM_F_INT.from": "10" })).toEqual([two]);
    expect(await found({ "cf.UF_CRM_F_INT.from": "1", "cf.UF_CRM_F_INT.to": "5" })).toEqual([one]);
    expect(await found({ "cf.UF_CRM_F_MONEY.to": "5000" })).toEqual([one]);
    expect(await found({ "cf.UF_CRM_F_DATE.from": "2026-06-01" })).toEqual([two]);
    expect(await found({ "cf.UF_CRM_F_BOOL": "1" })).toEqual([one]);
    expect(await found({ "cf.UF_CRM_F_BOOL": "0" })).toEqual([two, three]);
    expect(await found({ "cf.UF_CRM_F_TAGS": String(tags[2]) })).toEqual([one]);
    // Values that do not fit the type, and fields not shown in the filter, are ignored: a wider list, never an error.
    expect(await found({ "cf.UF_CRM_F_INT.from": "abc", "cf.UF_CRM_F_DATE.to": "2026-02-30", "cf.UF_CRM_F_TAGS": "1;drop" })).toEqual([one, two, three]);
    expect(await found({ "cf.UF_CRM_F_HIDDEN": "x" })).toEqual([one, two, three]);
    expect(await found({ "cf.UF_CRM_F_TEXT": "%' or 1=1 --" })).toEqual([]);
  });
});

describe("field visibility", () => {
  it("a field limited to some people is not given to others: not as a definition, filter, column, nor writable", async () => {
    const { getFieldDefinitions, getFilterableFields } = await import("@/lib/fields/queries");
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Margin", code: "UF_CRM_MARGIN", showInFilter: true, showInList: true, visibleUsers: [org.seller.id] })));
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Team note", code: "UF_CRM_TEAM", visibleDepartments: [org.departments.teamA.id] })));
    const codes = async (v: typeof org.seller) => (await getFieldDefinitions(db, v)).map((d) => d.code);
    expect(await codes(org.seller)).toEqual(expect.arrayContaining(["UF_CRM_MARGIN", "UF_CRM_TEAM"]));
    expect(await codes(org.admin)).toEqual(expect.arrayContaining(["UF_CRM_MARGIN", "UF_CRM_TEAM"]));
    expect(await codes(org.other)).not.toContain("UF_CRM_MARGIN");
    expect(await codes(org.other)).not.toContain("UF_CRM_TEAM");
    expect((await getFilterableFields(db, org.other)).map((d) => d.code)).not.toContain("UF_CRM_MARGIN");
    const id = await inTx((tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "NEW").id })));
    const refused = await refusal(inTx((tx) => updateDeal(tx, org.other, id, 1, { ...dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.other.id }), custom: { UF_CRM_MARGIN: "30%" } })));
    expect(refused.code).toBe("forbidden");
    const wrong = await refusal(inTx((tx) => updateDeal(tx, org.other, id, 1, { ...dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.other.id }), custom: { UF_CRM_NOPE: "x" } })));
    expect(wrong.messageKey).toBe("errors.unknownOption");
    const bad = await refusal(inTx((tx) => createCustomField(tx, org.admin, field({ label: "Bad", visibleUsers: [999_999] }))));
    expect(bad.fieldErrors).toEqual({ visibleTo: "errors.unknownOption" });
  });
});

describe("file fields", () => {
  it("a file downloads only for who may see its field and read a deal holding it", async () => {
    const { readableFile } = await import("@/lib/files/access");
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Contract", code: "UF_CRM_FILE", type: "file", multiple: true })));
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Other file", code: "UF_CRM_FILE2", type: "file" })));
    const [file] = await db.insert(s.storedFiles).values({ orgId: org.orgId, fieldCode: "UF_CRM_FILE", key: `${org.orgId}/${"a".repeat(32)}`, name: "hd.pdf", type: "application/pdf", size: 10, createdById: org.other.id }).returning();
    // A file uploaded into one field cannot be put into another by its number.
    const moved = await refusal(inTx((tx) => createDeal(tx, org.seller, { ...dealInput({ stageId: org.stage(0, "NEW").id }), custom: { UF_CRM_FILE2: file!.id } })));
    expect(moved.fieldErrors).toEqual({ "cf:UF_CRM_FILE2": "errors.unknownOption" });
    expect(await readableFile(db, org.seller, file!.id)).toBeNull(); // held by no deal yet
    await inTx((tx) => createDeal(tx, org.other, { ...dealInput({ stageId: org.stage(0, "NEW").id, opened: false }), custom: { UF_CRM_FILE: [file!.id] } }));
    expect((await readableFile(db, org.other, file!.id))?.name).toBe("hd.pdf");
    expect((await readableFile(db, org.admin, file!.id))?.name).toBe("hd.pdf");
    expect(await readableFile(db, org.seller, file!.id)).toBeNull(); // may not read that private deal
  });

  it("a file value references only this deal's file of that field, or the user's own upload no deal holds yet", async () => {
    const { readableFile } = await import("@/lib/files/access");
    const upload = async (by: typeof org.seller, name: string) =>
      (await db.insert(s.storedFiles).values({ orgId: org.orgId, fieldCode: "UF_CRM_FILE", key: `${org.orgId}/${randomBytes(16).toString("hex")}`, name, type: "application/pdf", size: 10, createdById: by.id }).returning())[0]!.id;
    const stageId = org.stage(0, "NEW").id;
    const secret = await upload(org.other, "secret.pdf");
    const privateDeal = await inTx((tx) => createDeal(tx, org.other, { ...dealInput({ stageId, opened: false }), custom: { UF_CRM_FILE: [secret] } }));
    const mine = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId })));
    // The exploit: the seller puts the private deal's file id into his own deal, then downloads it.
    const taken = await refusal(inTx((tx) => patchDeal(tx, org.seller, mine, { custom: { UF_CRM_FILE: [secret] } })));
    expect(taken.fieldErrors).toEqual({ "cf:UF_CRM_FILE": "errors.unknownOption" });
    expect(await readableFile(db, org.seller, secret)).toBeNull();
    // Even an administrator, who may read both deals, cannot move one deal's file into another.
    const adminDeal = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId })));
    expect((await refusal(inTx((tx) => patchDeal(tx, org.admin, adminDeal, { custom: { UF_CRM_FILE: [secret] } })))).messageKey).toBe("errors.invalid");
    // Someone else's upload that no deal holds yet is not his either.
    const loose = await upload(org.other, "loose.pdf");
    await refusal(inTx((tx) => patchDeal(tx, org.seller, mine, { custom: { UF_CRM_FILE: [loose] } })));
    // His own upload is taken, bound to his deal, and re-sent unchanged with a new one.
    const own = await upload(org.seller, "own.pdf");
    await inTx((tx) => patchDeal(tx, org.seller, mine, { custom: { UF_CRM_FILE: [own] } }));
    expect((await db.select().from(s.storedFiles).where(eq(s.storedFiles.id, own)))[0]?.dealId).toBe(mine);
    const second = await upload(org.seller, "second.pdf");
    await inTx((tx) => patchDeal(tx, org.seller, mine, { custom: { UF_CRM_FILE: [own, second] } }));
    expect((await readableFile(db, org.seller, second))?.name).toBe("second.pdf");
    // Once bound, it cannot follow him into another deal of his.
    const another = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId })));
    await refusal(inTx((tx) => patchDeal(tx, org.seller, another, { custom: { UF_CRM_FILE: [own] } })));
    expect((await db.select({ custom: s.deals.custom }).from(s.deals).where(eq(s.deals.id, privateDeal)))[0]?.custom).toEqual({ UF_CRM_FILE: [secret] });
  });

  it("a deal link may point only at a deal the viewer may read: an unreadable one answers like a missing one", async () => {
    await inTx((tx) => createCustomField(tx, org.admin, field({ label: "Parent deal", code: "UF_CRM_PARENT", type: "crm", target: "deal" })));
    const stageId = org.stage(0, "NEW").id;
    const hidden = await inTx((tx) => createDeal(tx, org.other, dealInput({ stageId, opened: false })));
    const mine = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId })));
    const unreadable = await refusal(inTx((tx) => patchDeal(tx, org.seller, mine, { custom: { UF_CRM_PARENT: hidden } })));
    const missing = await refusal(inTx((tx) => patchDeal(tx, org.seller, mine, { custom: { UF_CRM_PARENT: 2 ** 31 - 1 } })));
    expect(unreadable.fieldErrors).toEqual(missing.fieldErrors);
    await inTx((tx) => patchDeal(tx, org.admin, mine, { custom: { UF_CRM_PARENT: hidden } }));
  });
});
