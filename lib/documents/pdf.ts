import "server-only";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { documentRows, myCompanies } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/translate";
import { isCurrency, normalizeAmount } from "@/lib/money/money";
import type { DocumentRow } from "./access";
import { amountInWords } from "./amount-in-words";
import { documentTotals } from "./totals";

/** DejaVu Sans (shipped through npm with its licence): every Vietnamese letter with its diacritics. */
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const FONTS = { body: path.join(FONT_DIR, "DejaVuSans.ttf"), bold: path.join(FONT_DIR, "DejaVuSans-Bold.ttf") };

type Input = {
  document: DocumentRow;
  rows: (typeof documentRows.$inferSelect)[];
  seller: typeof myCompanies.$inferSelect | null;
  locale: Locale;
};

/** The PDF's file name: the document's number, with what a file name cannot hold replaced. */
export const documentFileName = (number: string) => `${number.replace(/[^\p{L}\p{N}._-]+/gu, "_")}.pdf`;

/** A PDF download nobody caches (it is someone's document). */
export function pdfResponse(number: string, pdf: Buffer, extra: Record<string, string> = {}): Response {
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${documentFileName(number)}"`, "cache-control": "private, no-store", ...extra },
  });
}

const MARGIN = 40;
const PAGE = { width: 595.28, height: 841.89 };
const CONTENT = PAGE.width - 2 * MARGIN;
/** Table columns: #, name, unit, quantity, price, discount, tax, total (widths in points, summing to CONTENT). */
const COLUMNS = [22, 170, 40, 48, 70, 50, 40, 75.28] as const;

/**
 * A quote or an invoice as an A4 PDF in the reader's language: seller and buyer, the rows (the
 * table's header repeated on every page), totals per tax rate and overall, the amount in words,
 * terms, signatures with the stamp, and "page n of m" on each page.
 */
export async function renderDocumentPdf({ document, rows, seller, locale }: Input): Promise<Buffer> {
  const t = translator(locale);
  const currency = isCurrency(document.currency) ? document.currency : "VND";
  const money = (v: string) => formatMoney(v, currency, locale);
  const title = `${t(`documents.${document.kind}`)} ${document.number}`;
  const pdf = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, info: { Title: title, Creator: "Deals CRM" } });
  pdf.registerFont("body", FONTS.body);
  pdf.registerFont("bold", FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const bottom = () => PAGE.height - MARGIN - 20;

  // Seller, with the logo at the right.
  let y = MARGIN;
  if (seller?.logo) {
    try {
      pdf.image(seller.logo, PAGE.width - MARGIN - 90, y, { fit: [90, 50] });
    } catch {
      // An image pdfkit cannot read is left out rather than failing the document.
    }
  }
  pdf.font("bold").fontSize(11).text(seller?.legalName ?? "", MARGIN, y, { width: CONTENT - 100 });
  pdf.font("body").fontSize(8.5);
  const sellerLines = seller
    ? [seller.taxCode ? `${t("documents.taxCode")}: ${seller.taxCode}` : "", seller.address, seller.phone ? `${t("documents.phone")}: ${seller.phone}` : "", ...seller.bankAccounts.map((b) => `${t("documents.bank")}: ${b.account} — ${b.bank}`)].filter(Boolean)
    : [];
  for (const line of sellerLines) pdf.text(line, { width: CONTENT - 100 });
  y = Math.max(pdf.y, MARGIN + 55) + 12;

  // Title, number, dates.
  pdf.font("bold").fontSize(16).text(t(`documents.${document.kind}`).toUpperCase(), MARGIN, y, { width: CONTENT, align: "center" });
  pdf.font("body").fontSize(9);
  const due = document.dueOn ? ` · ${t(document.kind === "quote" ? "documents.validUntil" : "documents.payBefore")}: ${formatDate(document.dueOn, locale)}` : "";
  pdf.text(`${t("documents.number")}: ${document.number} · ${t("documents.issuedOn")}: ${formatDate(document.issuedOn, locale)}${due}`, { width: CONTENT, align: "center" });
  pdf.moveDown(1);

  // Buyer.
  pdf.font("bold").fontSize(9.5).text(`${t("documents.buyer")}: ${document.buyerName}`, MARGIN, pdf.y, { width: CONTENT });
  pdf.font("body").fontSize(9);
  for (const line of [document.buyerTaxCode && `${t("documents.taxCode")}: ${document.buyerTaxCode}`, document.buyerAddress && `${t("documents.address")}: ${document.buyerAddress}`, document.buyerEmail]) {
    if (line) pdf.text(line, { width: CONTENT });
  }
  if (document.content) pdf.moveDown(0.5).text(document.content, { width: CONTENT });
  pdf.moveDown(0.8);

  // The rows.
  const header = ["#", t("documents.product"), t("documents.unit"), t("documents.quantity"), t("documents.price"), t("documents.discount"), t("documents.taxRate"), t("documents.gross")];
  const drawRow = (cells: string[], top: number, bold: boolean): number => {
    pdf.font(bold ? "bold" : "body").fontSize(8);
    const height = Math.max(...cells.map((cell, i) => pdf.heightOfString(cell, { width: COLUMNS[i]! - 6 }))) + 6;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      pdf.text(cell, x + 3, top + 3, { width: COLUMNS[i]! - 6, align: i >= 3 ? "right" : "left", lineBreak: true });
      x += COLUMNS[i]!;
    });
    pdf.moveTo(MARGIN, top + height).lineTo(MARGIN + CONTENT, top + height).lineWidth(0.4).strokeColor("#999999").stroke();
    return top + height;
  };
  const drawHeader = (top: number) => {
    pdf.rect(MARGIN, top, CONTENT, 18).fill("#eef2f6").fillColor("#000000");
    return drawRow(header, top, true);
  };
  y = drawHeader(pdf.y);
  const quantity = (v: string) => Number(v).toLocaleString(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 4 });
  rows.forEach((r, i) => {
    const discount = normalizeAmount(r.discountValue);
    const cells = [String(i + 1), r.name, r.unit, quantity(r.quantity), money(r.price), discount === "0" ? "—" : r.discountType === "percent" ? `${discount}%` : money(discount), r.taxRate === null ? "—" : `${normalizeAmount(r.taxRate)}%`, money(r.gross)];
    pdf.font("body").fontSize(8);
    const need = pdf.heightOfString(r.name, { width: COLUMNS[1] - 6 }) + 6;
    if (y + need > bottom()) {
      pdf.addPage();
      y = drawHeader(MARGIN);
    }
    y = drawRow(cells, y, false);
  });

  // Totals: per tax rate, then net, tax, gross, right aligned under the table.
  const totals = documentTotals(rows, currency);
  const lines: [string, string, boolean][] = [
    ...totals.byRate.map((g): [string, string, boolean] => [`${t("documents.taxSummary")} ${g.taxRate === null ? t("documents.noTax") : `${g.taxRate}%`}: ${money(g.net)} + ${money(g.tax)}`, money(g.gross), false]),
    [t("documents.net"), money(document.net), false],
    [t("documents.tax"), money(document.tax), false],
    [t("documents.gross"), money(document.gross), true],
  ];
  if (y + lines.length * 14 + 60 > bottom()) {
    pdf.addPage();
    y = MARGIN;
  }
  y += 8;
  for (const [label, value, bold] of lines) {
    pdf.font(bold ? "bold" : "body").fontSize(bold ? 10 : 8.5);
    pdf.text(label, MARGIN, y, { width: CONTENT - 110, align: "right" });
    pdf.text(value, MARGIN + CONTENT - 105, y, { width: 105, align: "right" });
    y += bold ? 16 : 13;
  }
  pdf.font("body").fontSize(9).text(`${t("documents.amountInWords")}: ${amountInWords(document.gross, currency, locale)}`, MARGIN, y + 4, { width: CONTENT });
  if (document.terms) pdf.moveDown(0.6).font("bold").text(t("documents.terms")).font("body").text(document.terms, { width: CONTENT });

  // Signatures, with the seller's stamp.
  if (pdf.y + 110 > bottom()) pdf.addPage();
  const signTop = pdf.y + 20;
  pdf.font("bold").fontSize(9);
  pdf.text(t("documents.signatureBuyer"), MARGIN, signTop, { width: CONTENT / 2, align: "center" });
  pdf.text(t("documents.signatureSeller"), MARGIN + CONTENT / 2, signTop, { width: CONTENT / 2, align: "center" });
  if (seller?.stamp) {
    try {
      pdf.image(seller.stamp, MARGIN + CONTENT * 0.75 - 45, signTop + 16, { fit: [90, 90] });
    } catch {
      // See the logo.
    }
  }
  if (seller?.director) pdf.font("body").text(seller.director, MARGIN + CONTENT / 2, signTop + 100, { width: CONTENT / 2, align: "center" });

  // "Page n of m" in each page's bottom margin.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf.page.margins.bottom = 0;
    pdf.font("body").fontSize(7.5).fillColor("#666666").text(`${title} · ${t("documents.page", { page: i + 1, pages: range.count })}`, MARGIN, PAGE.height - MARGIN + 10, { width: CONTENT, align: "right", lineBreak: false });
  }
  pdf.end();
  return done;
}
