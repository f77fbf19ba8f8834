import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal, deleteDeal } from "@/lib/deals/service";
import { saveProductRows } from "@/lib/products/rows";
import type { ProductRowForm } from "@/lib/products/row-form";
import { changeStatus, createFromDeal, deleteDocument, invoiceFromQuote, recordPayment, reopen, updateDetails } from "@/lib/documents/service";
import { documentsOfDeal, getDocument, listDocuments } from "@/lib/documents/queries";
import type { Viewer } from "@/lib/permissions";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const row = (x: Partial<ProductRowForm>): ProductRowForm => ({ productId: null, name: "", price: null, quantity: "1", unit: "", discountType: "percent", discountValue: "0", taxRate: null, taxIncluded: false, sort: 0, ...x });
const docOf = async (id: number) => (await db.select().from(s.documents).where(eq(s.documents.id, id)))[0]!;
const at = new Date("2026-12-02T03:00:00Z");

async function dealWithRows(viewer: Viewer = org.seller, overrides: Partial<Parameters<typeof dealInput>[0]> = {}) {
  const id = await inTx((tx) => createDeal(tx, viewer, dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id, ...overrides })));
  await inTx((tx) => saveProductRows(tx, viewer, id, 1, [row({ name: "Camera IP", price: "1500000", quantity: "2", taxRate: "10" }), row({ name: "Lắp đặt", price: "500000", taxRate: "8" }), row({ name: "Tư vấn", price: "300000" })], true));
  return id;
}

describe("quotes and invoices from a deal", () => {
  it("copies the client, rows and totals, numbers the quote, and an invoice keeps every row", async () => {
    const dealId = await dealWithRows();
    const quoteId = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote", { at }));
    const quote = await docOf(quoteId);
    expect(quote).toMatchObject({ kind: "quote", status: "draft", number: "BG-2026-0001", buyerName: "Công ty Sao Mai", currency: "VND", issuedOn: "2026-12-02", dueOn: "2026-12-16" });
    // 3,000,000 + 10% = 3,300,000; 500,000 + 8% = 540,000; 300,000 untaxed.
    expect([quote.net, quote.tax, quote.gross].map(Number)).toEqual([3_800_000, 340_000, 4_140_000]);
    const invoiceId = await inTx((tx) => invoiceFromQuote(tx, org.seller, quoteId, at));
    const invoice = await docOf(invoiceId);
    expect(invoice).toMatchObject({ kind: "invoice", status: "new", number: "HD-2026-0001", quoteId, buyerName: "Công ty Sao Mai", gross: quote.gross });
    const rows = await db.select().from(s.documentRows).where(eq(s.documentRows.documentId, invoiceId)).orderBy(asc(s.documentRows.sort));
    expect(rows.map((r) => [r.name, Number(r.gross)])).toEqual([["Camera IP", 3_300_000], ["Lắp đặt", 540_000], ["Tư vấn", 300_000]]);
    expect((await documentsOfDeal(db, org.seller, dealId, "invoice")).map((d) => d.number)).toEqual(["HD-2026-0001"]);
    const history = await db.select().from(s.dealEvents).where(and(eq(s.dealEvents.dealId, dealId), eq(s.dealEvents.kind, "updated")));
    expect(history.flatMap((e) => e.changes.map((c) => c.field))).toEqual(expect.arrayContaining(["quote", "invoice"]));
  });

  it("refuses a deal without a client, and writes nothing", async () => {
    const dealId = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, amount: "1000000" })));
    const before = await db.select().from(s.documentCounters);
    expect((await refusal(inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote")))).messageKey).toBe("documents.errors.noClient");
    expect(await db.select().from(s.documentCounters)).toEqual(before);
  });

  it("a deal without product rows becomes one row of its amount", async () => {
    const dealId = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, amount: "2500000", contactIds: [org.contacts[0]!.id] })));
    const id = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "invoice"));
    expect(await docOf(id)).toMatchObject({ buyerName: "Nguyễn Văn An", contactId: org.contacts[0]!.id });
    expect((await db.select().from(s.documentRows).where(eq(s.documentRows.documentId, id))).map((r) => [r.quantity, Number(r.gross)])).toEqual([["1.0000", 2_500_000]]);
  });
});

describe("numbering", () => {
  it("gives consecutive numbers to concurrent creators, and a rolled-back creation gives its number back", async () => {
    // Twenty deals, so nothing but the counter row orders the creators.
    const dealIds: number[] = [];
    for (let i = 0; i < 20; i++) dealIds.push(await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id, amount: "1000" }))));
    const dealId = dealIds[0]!;
    const created = await Promise.all(dealIds.map((id) => inTx((tx) => createFromDeal(tx, org.admin, id, "invoice", { at }))));
    const numbers = (await Promise.all(created.map(docOf))).map((d) => d.number).sort();
    const start = Number(numbers[0]!.slice(-4));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `HD-2026-${String(start + i).padStart(4, "0")}`));
    await inTx(async (tx) => {
      await createFromDeal(tx, org.admin, dealId, "invoice", { at });
      throw new Error("rolled back");
    }).catch(() => undefined);
    const next = await inTx((tx) => createFromDeal(tx, org.admin, dealId, "invoice", { at }));
    expect((await docOf(next)).number).toBe(`HD-2026-${String(start + 20).padStart(4, "0")}`);
  });

  it("follows the org's template, with a monthly reset", async () => {
    await db.insert(s.documentNumbering).values({ orgId: org.orgId, kind: "quote", template: "Q/{YY}{MM}/{N}", padding: 3, start: 100, step: 10, reset: "monthly" });
    const dealId = await dealWithRows(org.admin);
    const a = await inTx((tx) => createFromDeal(tx, org.admin, dealId, "quote", { at }));
    const b = await inTx((tx) => createFromDeal(tx, org.admin, dealId, "quote", { at }));
    const c = await inTx((tx) => createFromDeal(tx, org.admin, dealId, "quote", { at: new Date("2027-01-05T03:00:00Z") }));
    expect([(await docOf(a)).number, (await docOf(b)).number, (await docOf(c)).number]).toEqual(["Q/2612/100", "Q/2612/110", "Q/2701/100"]);
    await db.delete(s.documentNumbering).where(eq(s.documentNumbering.orgId, org.orgId));
  });
});

describe("statuses and payments", () => {
  it("two partial payments make an invoice paid; the balance is never exceeded; paid invoices and their deals stay", async () => {
    const dealId = await dealWithRows();
    const id = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "invoice"));
    await inTx((tx) => changeStatus(tx, org.seller, id, 1, "sent"));
    expect((await refusal(inTx((tx) => updateDetails(tx, org.seller, id, 2, { issuedOn: "2026-12-02", dueOn: null, buyerName: "X", buyerTaxCode: "", buyerAddress: "", buyerEmail: "", sellerId: null, content: "", terms: "" })))).messageKey).toBe("documents.errors.reopenFirst");
    const pay = (amount: string) => inTx((tx) => recordPayment(tx, org.seller, id, { paidOn: "2026-12-02", amount, method: "bankTransfer", note: "" }));
    expect(await pay("1000000")).toEqual({ fullyPaid: false });
    expect((await docOf(id)).status).toBe("partlyPaid");
    const above = await refusal(pay("3140001"));
    expect([above.messageKey, above.vars]).toEqual(["documents.errors.paymentAboveBalance", { balance: "3140000", currency: "VND" }]);
    expect((await refusal(pay("0"))).messageKey).toBe("documents.errors.paymentNotPositive");
    expect(await pay("3140000")).toEqual({ fullyPaid: true });
    expect(await docOf(id)).toMatchObject({ status: "paid", paid: "4140000.00" });
    expect((await refusal(pay("1"))).messageKey).toBe("documents.errors.notPayable");
    expect((await refusal(inTx((tx) => changeStatus(tx, org.seller, id, undefined, "cancelled")))).messageKey).toBe("documents.errors.statusNotAllowed");
    expect((await refusal(inTx((tx) => deleteDocument(tx, org.seller, id)))).messageKey).toBe("documents.errors.paidCannotBeDeleted");
    expect((await refusal(inTx((tx) => deleteDeal(tx, org.admin, dealId)))).messageKey).toBe("documents.errors.dealHasPayments");
  });

  it("a sent quote is edited after reopening; a stale version is refused; cancelling keeps the number", async () => {
    const dealId = await dealWithRows();
    const id = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    await inTx((tx) => changeStatus(tx, org.seller, id, 1, "sent"));
    expect((await refusal(inTx((tx) => reopen(tx, org.seller, id, 1)))).code).toBe("stale");
    await inTx((tx) => reopen(tx, org.seller, id, 2));
    await inTx((tx) => updateDetails(tx, org.seller, id, 3, { issuedOn: "2026-12-02", dueOn: "2026-12-31", buyerName: "Công ty Sao Mai (HN)", buyerTaxCode: "0100109106", buyerAddress: "Hà Nội", buyerEmail: "a@b.vn", sellerId: null, content: "Camera", terms: "30 ngày" }));
    expect(await docOf(id)).toMatchObject({ status: "draft", buyerName: "Công ty Sao Mai (HN)", terms: "30 ngày", version: 4 });
    const invoice = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "invoice"));
    const number = (await docOf(invoice)).number;
    await inTx((tx) => changeStatus(tx, org.seller, invoice, undefined, "cancelled"));
    expect(await docOf(invoice)).toMatchObject({ status: "cancelled", number });
  });
});

describe("the rule: a document follows its deal", () => {
  it("someone who may not read the deal finds nothing, in the list, the card and any write, as if it did not exist", async () => {
    const dealId = await dealWithRows(org.other, { opened: false });
    const id = await inTx((tx) => createFromDeal(tx, org.other, dealId, "invoice"));
    expect(await getDocument(db, org.seller, id)).toBeNull();
    expect(await getDocument(db, org.seller, 999_999)).toBeNull();
    expect(await documentsOfDeal(db, org.seller, dealId, "invoice")).toEqual([]);
    const listed = await listDocuments(db, org.seller, { kind: "invoice" });
    expect(listed.items.map((d) => d.id)).not.toContain(id);
    const refusedHidden = await refusal(inTx((tx) => recordPayment(tx, org.seller, id, { paidOn: "2026-12-02", amount: "1", method: "cash", note: "" })));
    const refusedAbsent = await refusal(inTx((tx) => recordPayment(tx, org.seller, 999_999, { paidOn: "2026-12-02", amount: "1", method: "cash", note: "" })));
    expect([refusedHidden.code, refusedHidden.messageKey]).toEqual([refusedAbsent.code, refusedAbsent.messageKey]);
    expect((await getDocument(db, org.other, id))?.mayEdit).toBe(true);
    expect((await listDocuments(db, org.other, { kind: "invoice" })).items.map((d) => d.id)).toContain(id);
  });

  it("hidden amounts hide the documents too", async () => {
    const dealId = await dealWithRows();
    const id = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    const pipelineId = org.pipelines[0]!.id;
    const hidden: Viewer = { ...org.seller, access: { ...org.seller.access, pipelines: { ...org.seller.access.pipelines, [pipelineId]: { ...org.seller.access.pipelines[pipelineId]!, hideAmounts: true } } } };
    expect(await getDocument(db, hidden, id)).toBeNull();
    expect((await listDocuments(db, hidden, { kind: "quote" })).items).toEqual([]);
    expect((await refusal(inTx((tx) => createFromDeal(tx, hidden, dealId, "quote")))).code).toBe("forbidden");
  });

  it("lists page by keyset, filter by status and by client without diacritics, and total per currency", async () => {
    const dealId = await dealWithRows(org.admin);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await inTx((tx) => createFromDeal(tx, org.admin, dealId, "quote")));
    const first = await listDocuments(db, org.admin, { kind: "quote", q: "sao mai", limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listDocuments(db, org.admin, { kind: "quote", q: "sao mai", limit: 3, after: first.next });
    expect(new Set([...first.items, ...second.items].map((d) => d.id)).size).toBe(first.items.length + second.items.length);
    expect(first.items[0]!.id).toBeGreaterThan(second.items[0]!.id);
    await inTx((tx) => changeStatus(tx, org.admin, ids[0]!, undefined, "approved"));
    const approved = await listDocuments(db, org.admin, { kind: "quote", status: "approved" });
    expect(approved.items.every((d) => d.status === "approved")).toBe(true);
    expect(approved.totals).toEqual([{ currency: "VND", count: approved.items.length, gross: expect.any(String), paid: expect.any(String) }]);
    expect((await listDocuments(db, org.admin, { kind: "quote", q: "BG-" })).items.length).toBeGreaterThan(0);
    // Expired: past "valid until" and still waiting for an answer (an approved one is not).
    const late = await listDocuments(db, org.admin, { kind: "quote", status: "late", today: "2099-01-01", limit: 500 });
    expect(late.items.length).toBeGreaterThan(0);
    expect(late.items.every((d) => d.status === "draft" || d.status === "sent")).toBe(true);
    expect(late.items.map((d) => d.id)).not.toContain(ids[0]);
    expect((await listDocuments(db, org.admin, { kind: "quote", status: "late", today: "2000-01-01" })).items).toEqual([]);
    expect((await listDocuments(db, org.admin, { kind: "quote", q: "%" })).items).toEqual([]);
  });
});

describe("my companies", () => {
  it("one default at a time; the default sells new documents; a company a document names stays; only administrators", async () => {
    const { saveMyCompany, deleteMyCompany, getMyCompanies, readImage } = await import("@/lib/documents/companies");
    const input = { legalName: "Công ty Cổ phần Ánh Dương", taxCode: "0300588569", address: "TP. Hồ Chí Minh", phone: "", email: "", director: "Phạm Thu", accountant: "", bankAccounts: [], isDefault: true };
    expect((await refusal(inTx((tx) => saveMyCompany(tx, org.seller, null, input, {})))).code).toBe("forbidden");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const first = await inTx((tx) => saveMyCompany(tx, org.admin, null, input, { logo: { bytes: png, type: "image/png" } }));
    const second = await inTx((tx) => saveMyCompany(tx, org.admin, null, { ...input, legalName: "Chi nhánh Hà Nội", taxCode: "0300588569-001" }, {}));
    const companies = await getMyCompanies(db, org.orgId);
    expect(companies.filter((c) => c.isDefault).map((c) => c.id)).toEqual([second]);
    expect(companies.find((c) => c.id === first)?.logoType).toBe("image/png");
    const dealId = await dealWithRows();
    const quote = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    expect((await docOf(quote)).sellerId).toBe(second);
    expect((await refusal(inTx((tx) => deleteMyCompany(tx, org.admin, second)))).messageKey).toBe("documents.errors.companyInUse");
    await inTx((tx) => deleteMyCompany(tx, org.admin, first));
    expect((await refusal(inTx((tx) => deleteMyCompany(tx, org.admin, first)))).code).toBe("notFound");
    expect(readImage(Buffer.from("GIF89a"))).toEqual({ ok: false, reason: "type" });
    expect(readImage(Buffer.alloc(1024 * 1024 + 1))).toEqual({ ok: false, reason: "size" });
  });

  it("the form refuses a tax code with a wrong check digit and a malformed bank line", async () => {
    const { myCompanySchema } = await import("@/lib/documents/companies");
    const { translator } = await import("@/lib/i18n/translate");
    const schema = myCompanySchema({ t: translator("vi"), locale: "vi" });
    const result = schema.safeParse({ legalName: "X", taxCode: "0100109107", bankAccounts: "Vietcombank" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths).toEqual([
      ["taxCode", "Chữ số kiểm tra của mã số thuế không đúng: hãy kiểm tra lại."],
      ["bankAccounts", expect.stringContaining("Ngân hàng | số tài khoản")],
    ]);
    expect(schema.parse({ legalName: "X", taxCode: " 0100109106 ", bankAccounts: "Vietcombank | 0011 | Đại Việt\n\nBIDV|123" }).bankAccounts).toEqual([
      { bank: "Vietcombank", account: "0011", holder: "Đại Việt" },
      { bank: "BIDV", account: "123" },
    ]);
  });
});

describe("the client's link", () => {
  it("is unguessable, kept only as a hash, replaced by a new one, withdrawn, and expires", async () => {
    const { createPublicLink, revokePublicLink, documentByToken } = await import("@/lib/documents/public-link");
    const dealId = await dealWithRows();
    const id = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    const first = await inTx((tx) => createPublicLink(tx, org.seller, id, at));
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = await docOf(id);
    expect(stored.publicTokenHash).not.toContain(first.token);
    expect((await documentByToken(db, first.token, at))?.document.id).toBe(id);
    expect(Object.keys((await documentByToken(db, first.token, at))!)).toEqual(["document", "rows", "seller"]);
    const second = await inTx((tx) => createPublicLink(tx, org.seller, id, at));
    expect(await documentByToken(db, first.token, at)).toBeNull();
    expect(await documentByToken(db, second.token, new Date(at.getTime() + 31 * 86_400_000))).toBeNull();
    expect(await documentByToken(db, "x".repeat(32), at)).toBeNull();
    expect(await documentByToken(db, "'; drop table documents; --", at)).toBeNull();
    await inTx((tx) => revokePublicLink(tx, org.seller, id));
    expect(await documentByToken(db, second.token, at)).toBeNull();
    // Someone who may not change the deal makes no link for it.
    const hidden = await dealWithRows(org.other, { opened: false });
    const theirs = await inTx((tx) => createFromDeal(tx, org.other, hidden, "quote"));
    expect((await refusal(inTx((tx) => createPublicLink(tx, org.seller, theirs)))).code).toBe("notFound");
  });

  it("the client's approval changes the status, tells the responsible and fires the pipeline's trigger; an answered quote stays", async () => {
    const { createPublicLink, answerQuote } = await import("@/lib/documents/public-link");
    const dealId = await dealWithRows();
    const target = org.stage(0, "PREPARATION");
    await db.insert(s.automationTriggers).values({ orgId: org.orgId, pipelineId: org.pipelines[0]!.id, stageId: target.id, kind: "quoteApproved", name: "Quote approved", config: {}, authorId: org.admin.id });
    const id = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    const { token } = await inTx((tx) => createPublicLink(tx, org.seller, id));
    await inTx((tx) => answerQuote(tx, token, "approved", "Đồng ý, giao trước Tết."));
    expect(await docOf(id)).toMatchObject({ status: "approved", clientComment: "Đồng ý, giao trước Tết." });
    const told = await db.select().from(s.notifications).where(and(eq(s.notifications.dealId, dealId), eq(s.notifications.kind, "document")));
    expect(told.map((n) => [n.userId, n.data.status, n.data.number])).toEqual([[org.seller.id, "approved", (await docOf(id)).number]]);
    const jobs = await db.select().from(s.jobs).where(eq(s.jobs.type, "automation.trigger"));
    expect(jobs.some((j) => (j.payload as { dealId?: number }).dealId === dealId)).toBe(true);
    expect((await refusal(inTx((tx) => answerQuote(tx, token, "declined", "")))).messageKey).toBe("documents.public.alreadyAnswered");
  });
});

describe("documents in bulk", () => {
  it("a quote for each selected deal; a deal without a client or out of reach is reported, never half-made", async () => {
    const { applyBulk } = await import("@/lib/deals/bulk/apply");
    const mine = await dealWithRows();
    const noClient = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, amount: "1000" })));
    const theirs = await dealWithRows(org.other, { opened: false });
    const before = (await db.select().from(s.documents)).length;
    const result = await inTx((tx) => applyBulk(tx, org.seller, { kind: "document", documentKind: "quote" }, [mine, noClient, theirs]));
    expect(result.changed).toBe(1);
    expect(result.refused.map((r) => [r.id, r.reason, r.title])).toEqual([
      [noClient, "documents.errors.noClient", expect.any(String)],
      [theirs, "errors.notFound", `#${theirs}`],
    ]);
    const made = await db.select().from(s.documents);
    expect(made.length).toBe(before + 1);
    expect(made.filter((d) => d.dealId === mine).map((d) => d.kind)).toEqual(["quote"]);
  });
});

describe("numbering settings", () => {
  it("administrators set a template that cannot repeat; a number already given is passed over", async () => {
    const { saveNumbering } = await import("@/lib/documents/numbers");
    const rule = { template: "INV/{N}", start: 1, step: 1, padding: 3, reset: "never" as const };
    expect((await refusal(inTx((tx) => saveNumbering(tx, org.seller, "invoice", rule)))).code).toBe("forbidden");
    expect((await refusal(inTx((tx) => saveNumbering(tx, org.admin, "invoice", { ...rule, reset: "yearly" })))).messageKey).toBe("documents.numbering.resetNeedsPart");
    await inTx((tx) => saveNumbering(tx, org.admin, "invoice", rule));
    const dealId = await dealWithRows(org.admin);
    const first = await inTx((tx) => createFromDeal(tx, org.admin, dealId, "invoice"));
    expect((await docOf(first)).number).toBe("INV/001");
    // Back to an earlier counter (another template in between, then this one again from 1): INV/001 is taken.
    await db.delete(s.documentCounters).where(and(eq(s.documentCounters.orgId, org.orgId), eq(s.documentCounters.kind, "invoice")));
    const second = await inTx((tx) => createFromDeal(tx, org.admin, dealId, "invoice"));
    expect((await docOf(second)).number).toBe("INV/002");
    await db.delete(s.documentNumbering).where(eq(s.documentNumbering.orgId, org.orgId));
  });
});

describe("taking the deal's rows again", () => {
  it("a draft takes the deal's changed rows and totals; a sent one must be reopened first", async () => {
    const { refreshRowsFromDeal } = await import("@/lib/documents/service");
    const dealId = await dealWithRows();
    const id = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    const [deal] = await db.select().from(s.deals).where(eq(s.deals.id, dealId));
    await inTx((tx) => saveProductRows(tx, org.seller, dealId, deal!.version, [row({ name: "Camera IP 4K", price: "2000000", quantity: "3", taxRate: "10" })], true));
    await inTx((tx) => refreshRowsFromDeal(tx, org.seller, id, 1));
    expect(await docOf(id)).toMatchObject({ gross: "6600000.00", version: 2 });
    expect((await db.select().from(s.documentRows).where(eq(s.documentRows.documentId, id))).map((r) => r.name)).toEqual(["Camera IP 4K"]);
    expect((await refusal(inTx((tx) => refreshRowsFromDeal(tx, org.seller, id, 1)))).code).toBe("stale");
    await inTx((tx) => changeStatus(tx, org.seller, id, 2, "sent"));
    expect((await refusal(inTx((tx) => refreshRowsFromDeal(tx, org.seller, id, 3)))).messageKey).toBe("documents.errors.reopenFirst");
  });
});

describe("overdue invoices", () => {
  it("count the viewer's own unpaid invoices past their date, as the counters do; 'mine' lists them", async () => {
    const { overdueInvoiceCount } = await import("@/lib/documents/queries");
    const before = await overdueInvoiceCount(db, org.seller, "2099-01-01");
    const othersBefore = await overdueInvoiceCount(db, org.other, "2099-01-01");
    const dealId = await dealWithRows();
    const unpaid = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "invoice"));
    const paid = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "invoice"));
    await inTx((tx) => recordPayment(tx, org.seller, paid, { paidOn: "2026-12-02", amount: "4140000", method: "cash", note: "" }));
    expect(await overdueInvoiceCount(db, org.seller, "2099-01-01")).toBe(before + 1);
    expect(await overdueInvoiceCount(db, org.seller, "2000-01-01")).toBe(0);
    expect(await overdueInvoiceCount(db, org.other, "2099-01-01")).toBe(othersBefore);
    const mine = await listDocuments(db, org.seller, { kind: "invoice", status: "late", mine: true, today: "2099-01-01", limit: 500 });
    expect(mine.items.map((d) => d.id)).toContain(unpaid);
    expect(mine.items.map((d) => d.id)).not.toContain(paid);
    expect((await listDocuments(db, org.other, { kind: "invoice", mine: true })).items.map((d) => d.id)).not.toContain(unpaid);
  });
});

describe("statuses an administrator adds", () => {
  it("place among the kind's own, with their meaning: in progress waits (expires, takes payments, can be answered), failure ends", async () => {
    const { saveStatus, deleteStatus, customStatuses } = await import("@/lib/documents/statuses");
    const { createPublicLink, answerQuote } = await import("@/lib/documents/public-link");
    const { statusesOf, statusLabel } = await import("@/lib/documents/status-set");
    const { translator } = await import("@/lib/i18n/translate");
    expect((await refusal(inTx((tx) => saveStatus(tx, org.seller, null, { kind: "quote", name: "Đàm phán", semantics: "P", sort: 100, color: "#8b5cf6" })))).code).toBe("forbidden");
    const negotiation = await inTx((tx) => saveStatus(tx, org.admin, null, { kind: "quote", name: "Đàm phán", semantics: "P", sort: 100, color: "#8b5cf6" }));
    const refused = await inTx((tx) => saveStatus(tx, org.admin, null, { kind: "invoice", name: "Kế toán từ chối", semantics: "F", sort: 5, color: "#7f1d1d" }));
    const custom = await customStatuses(db, org.orgId);
    expect(statusesOf("quote", custom).map((s) => s.code)).toEqual(["draft", "sent", `c${negotiation}`, "approved", "declined"]);
    expect(statusesOf("invoice", custom).map((s) => [s.code, s.semantics]).at(-1)).toEqual([`c${refused}`, "F"]);
    expect(statusLabel(`c${negotiation}`, translator("en"), custom)).toBe("Đàm phán");

    const dealId = await dealWithRows();
    const quote = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    await inTx((tx) => changeStatus(tx, org.seller, quote, undefined, `c${negotiation}`));
    const late = await listDocuments(db, org.seller, { kind: "quote", status: "late", today: "2099-01-01", limit: 500 });
    expect(late.items.map((d) => d.id)).toContain(quote);
    const { token } = await inTx((tx) => createPublicLink(tx, org.seller, quote));
    await inTx((tx) => answerQuote(tx, token, "approved", ""));
    expect((await docOf(quote)).status).toBe("approved");

    const invoice = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "invoice"));
    await inTx((tx) => changeStatus(tx, org.seller, invoice, undefined, `c${refused}`));
    const lost = await inTx((tx) => saveStatus(tx, org.admin, null, { kind: "quote", name: "Khách im lặng", semantics: "F", sort: 1100, color: "#7f1d1d" }));
    const silent = await inTx((tx) => createFromDeal(tx, org.seller, dealId, "quote"));
    await inTx((tx) => changeStatus(tx, org.seller, silent, undefined, `c${lost}`));
    expect((await refusal(inTx((tx) => invoiceFromQuote(tx, org.seller, silent)))).messageKey).toBe("documents.errors.quoteDeclined");
    await inTx((tx) => changeStatus(tx, org.seller, silent, undefined, "draft"));
    await inTx((tx) => deleteStatus(tx, org.admin, lost));
    expect((await refusal(inTx((tx) => recordPayment(tx, org.seller, invoice, { paidOn: "2026-12-02", amount: "1", method: "cash", note: "" })))).messageKey).toBe("documents.errors.notPayable");
    expect((await refusal(inTx((tx) => changeStatus(tx, org.seller, invoice, undefined, "c999999")))).messageKey).toBe("documents.errors.statusNotAllowed");
    expect((await refusal(inTx((tx) => deleteStatus(tx, org.admin, refused)))).messageKey).toBe("documents.statusSettings.inUse");
    await inTx((tx) => deleteStatus(tx, org.admin, negotiation));
    expect((await customStatuses(db, org.orgId)).map((c) => c.id)).toEqual([refused]);
  });
});
