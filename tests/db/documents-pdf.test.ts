import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { saveProductRows } from "@/lib/products/rows";
import type { ProductRowForm } from "@/lib/products/row-form";
import { createFromDeal } from "@/lib/documents/service";
import { getDocument } from "@/lib/documents/queries";
import { renderDocumentPdf } from "@/lib/documents/pdf";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const dir = mkdtempSync(path.join(tmpdir(), "crm-pdf-"));
/** The PDF's text as poppler's pdftotext reads it (layout kept), pages separated by form feeds. */
function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

describe("a document's PDF", () => {
  it("has the Vietnamese client with its diacritics, every row, the totals and the amount in words; the table header repeats on each page", async () => {
    await db.insert(s.myCompanies).values({ orgId: org.orgId, legalName: "Công ty TNHH Phần mềm Đại Việt", taxCode: "0100109106", address: "Số 1 Phố Huế, Hà Nội", bankAccounts: [{ bank: "Vietcombank", account: "0011001234567" }], director: "Lê Văn Hùng", isDefault: true });
    const dealId = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id })));
    const rows: ProductRowForm[] = Array.from({ length: 50 }, (_, i) => ({ productId: null, name: `Thiết bị số ${i + 1} — camera ngoài trời`, price: "150000", quantity: "2", unit: "cái", discountType: "percent", discountValue: "0", taxRate: i % 2 ? "10" : "8", taxIncluded: false, sort: i }));
    await inTransaction(db, (tx) => saveProductRows(tx, org.admin, dealId, 1, rows, true));
    const id = await inTransaction(db, (tx) => createFromDeal(tx, org.admin, dealId, "invoice"));
    const found = (await getDocument(db, org.admin, id))!;
    // 25 rows × 300,000 × 1.08 + 25 × 300,000 × 1.10 = 8,100,000 + 8,250,000.
    expect(found.document.gross).toBe("16350000.00");

    const vi = pdfText(await renderDocumentPdf({ document: found.document, rows: found.rows, seller: found.seller, locale: "vi" }));
    expect(vi).toContain("Công ty Sao Mai");
    expect(vi).toContain("Công ty TNHH Phần mềm Đại Việt");
    expect(vi).toContain("HÓA ĐƠN");
    expect(vi).toContain("Thiết bị số 50 — camera ngoài trời");
    expect(vi).toMatch(/Tổng cộng\s+16\.350\.000/);
    expect(vi).toContain("Mười sáu triệu ba trăm năm mươi nghìn đồng");
    const pages = vi.split("\f").filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(0, -1)) expect(page).toContain("Sản phẩm, dịch vụ");
    expect(vi).toContain(`Trang ${pages.length}/${pages.length}`);

    const en = pdfText(await renderDocumentPdf({ document: found.document, rows: found.rows, seller: found.seller, locale: "en" }));
    expect(en).toContain("INVOICE");
    expect(en).toContain("Sixteen million three hundred fifty thousand dong");
  });
});

describe("sending a document", () => {
  it("e-mails the client the PDF with a link, marks the quote sent, and puts the e-mail on the deal's timeline", async () => {
    const { startSmtpSink } = await import("../helpers/smtp-sink");
    const { sendDocumentByEmail } = await import("@/lib/documents/send");
    const { sendQueuedMessage } = await import("@/lib/messaging/send-job");
    const { documentByToken } = await import("@/lib/documents/public-link");
    const { eq, and } = await import("drizzle-orm");
    const smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    try {
      const dealId = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id, amount: "1500000" })));
      const id = await inTransaction(db, (tx) => createFromDeal(tx, org.seller, dealId, "quote"));
      const { messageId } = await inTransaction(db, (tx) => sendDocumentByEmail(tx, org.seller, id, 1, { to: "mua-hang@saomai.vn", subject: "Báo giá cho Sao Mai", body: "Kính gửi anh Đức,", includeLink: true, locale: "vi" }, "https://crm.example"));
      expect((await refusal(inTransaction(db, (tx) => sendDocumentByEmail(tx, org.seller, id, 1, { to: "x@y.vn", subject: "again", body: "again", includeLink: false, locale: "vi" }, "https://crm.example")))).code).toBe("stale");
      expect(await sendQueuedMessage(db, org.orgId, messageId)).toBe("sent");
      const [received] = smtp.received;
      expect(received!.to).toEqual(["mua-hang@saomai.vn"]);
      expect(received!.mail.subject).toBe("Báo giá cho Sao Mai");
      const link = /https:\/\/crm\.example\/p\/([A-Za-z0-9_-]{32})/.exec(received!.mail.text ?? "");
      expect(link).not.toBeNull();
      expect((await documentByToken(db, link![1]!))?.document.id).toBe(id);
      const [pdf] = received!.mail.attachments;
      expect([pdf!.contentType, pdf!.filename]).toEqual(["application/pdf", expect.stringMatching(/^BG-\d{4}-\d{4}\.pdf$/)]);
      expect(pdfText(pdf!.content)).toContain("Một triệu năm trăm nghìn đồng");
      const [quote] = await db.select().from(s.documents).where(eq(s.documents.id, id));
      expect(quote!.status).toBe("sent");
      const emails = await db.select().from(s.activities).where(and(eq(s.activities.dealId, dealId), eq(s.activities.type, "email")));
      expect(emails.map((e) => e.subject)).toEqual(["Báo giá cho Sao Mai"]);
    } finally {
      delete process.env.SMTP_URL;
      await smtp.close();
    }
  });
});
