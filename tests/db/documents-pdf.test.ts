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
import { inTransaction, type TestDb } from "../helpers/db";
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
