import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, dealContacts, dealEvents, dealProducts, documentPayments, documentRows, documents, myCompanies, orgs, type DocumentKind, type DocumentStatus, type PaymentMethod } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { lockDealForUpdate } from "@/lib/deals/service";
import { onDocumentEvent } from "@/lib/automation/triggers/detect";
import { addDays, todayIn } from "@/lib/i18n/format";
import { addDecimals, isCurrency, minorUnits, normalizeAmount, type Currency } from "@/lib/money/money";
import { amountsHidden, type Viewer } from "@/lib/permissions";
import { rowTotals, type ProductRowInput } from "@/lib/products/totals";
import { lockDocumentForUpdate, type DocumentRow } from "./access";
import { allocateNumber } from "./numbers";
import { compareDecimalStrings } from "./decimal-compare";
import { isEditable, isPayable, mayChangeStatus } from "./state";
import { customStatuses } from "./statuses";
import { statusInfo } from "./status-set";
import { documentTotals } from "./totals";

const VALID_DAYS: Record<DocumentKind, number> = { quote: 14, invoice: 10 };
const FIRST_STATUS: Record<DocumentKind, DocumentStatus> = { quote: "draft", invoice: "new" };

type RowSource = ProductRowInput & { productId: number | null; name: string; unit: string };

async function orgTimeZone(db: Db, orgId: number): Promise<string> {
  const [org] = await db.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, orgId));
  return org?.timezone ?? "UTC";
}

/** A document's change in the deal's history ("HD-2026-0001: new → sent"); `by` null: the client, through the public link. */
export async function recordInHistory(db: Db, by: { orgId: number; id: number | null }, document: Pick<DocumentRow, "dealId" | "kind" | "number">, old: DocumentStatus | null, now: DocumentStatus | null, at = new Date()) {
  const value = (status: DocumentStatus | null) => (status === null ? null : { number: document.number, status });
  await db.insert(dealEvents).values({ orgId: by.orgId, dealId: document.dealId, kind: "updated", changes: [{ field: document.kind, old: value(old), new: value(now) }], userId: by.id, at });
}

async function insertRows(db: Db, orgId: number, documentId: number, rows: RowSource[], currency: Currency) {
  if (rows.length === 0) return;
  await db.insert(documentRows).values(
    rows.map((row, i) => {
      const t = rowTotals(row, currency);
      return { orgId, documentId, sort: (i + 1) * 10, productId: row.productId, name: row.name, price: row.price, quantity: row.quantity, unit: row.unit, discountType: row.discountType, discountValue: row.discountValue, taxRate: row.taxRate, taxIncluded: row.taxIncluded, net: t.net, tax: t.tax, gross: t.gross };
    }),
  );
}

/** A deal's product rows as a document's, or one row of its amount when it has none. */
async function rowsOfDeal(db: Db, orgId: number, deal: { id: number; title: string; amount: string }): Promise<RowSource[]> {
  const productRows = await db.select().from(dealProducts).where(and(eq(dealProducts.orgId, orgId), eq(dealProducts.dealId, deal.id))).orderBy(asc(dealProducts.sort));
  if (productRows.length) return productRows;
  return [{ productId: null, name: deal.title, price: deal.amount, quantity: "1", unit: "pcs", discountType: "percent", discountValue: "0", taxRate: null, taxIncluded: false }];
}

/** The buyer printed on a document: the deal's company, else its first contact. */
async function buyerOf(db: Db, orgId: number, deal: { id: number; companyId: number | null }) {
  if (deal.companyId) {
    const [company] = await db.select().from(companies).where(and(eq(companies.orgId, orgId), eq(companies.id, deal.companyId)));
    if (company) return { companyId: company.id, contactId: null, buyerName: company.title, buyerAddress: company.address ?? "", buyerEmail: company.emails[0]?.value ?? "" };
  }
  const [contact] = await db
    .select({ id: contacts.id, name: contacts.name, lastName: contacts.lastName, emails: contacts.emails })
    .from(dealContacts)
    .innerJoin(contacts, eq(contacts.id, dealContacts.contactId))
    .where(eq(dealContacts.dealId, deal.id))
    .orderBy(asc(dealContacts.sort))
    .limit(1);
  if (contact) return { companyId: null, contactId: contact.id, buyerName: [contact.lastName, contact.name].filter(Boolean).join(" "), buyerAddress: "", buyerEmail: contact.emails[0]?.value ?? "" };
  return null;
}

export type CreateDocumentOptions = { at?: Date };

/**
 * A quote or an invoice made from a deal: its client, product rows (or one row for the deal's
 * amount when it has none), currency and totals, a number from the kind's template, the org's
 * default company as the seller. Needs the right to change the deal and to see its amounts.
 */
export async function createFromDeal(db: Db, viewer: Viewer, dealId: number, kind: DocumentKind, { at = new Date() }: CreateDocumentOptions = {}): Promise<number> {
  const deal = await lockDealForUpdate(db, viewer, dealId);
  if (amountsHidden(viewer, deal.pipelineId)) throw new ActionError("forbidden", "errors.forbidden");
  const currency: Currency = isCurrency(deal.currency) ? deal.currency : "VND";
  const buyer = await buyerOf(db, viewer.orgId, deal);
  if (!buyer) throw new ActionError("invalid", "documents.errors.noClient");
  const rows = await rowsOfDeal(db, viewer.orgId, deal);
  const totals = documentTotals(rows, currency);
  const timeZone = await orgTimeZone(db, viewer.orgId);
  const [seller] = await db.select({ id: myCompanies.id }).from(myCompanies).where(and(eq(myCompanies.orgId, viewer.orgId), eq(myCompanies.isDefault, true))).limit(1);
  const issuedOn = todayIn(timeZone, at);
  const [document] = await db
    .insert(documents)
    .values({
      orgId: viewer.orgId,
      kind,
      dealId,
      number: await allocateNumber(db, viewer.orgId, kind, at, timeZone),
      status: FIRST_STATUS[kind],
      issuedOn,
      dueOn: addDays(issuedOn, VALID_DAYS[kind]),
      currency,
      ...buyer,
      sellerId: seller?.id ?? null,
      net: totals.net,
      tax: totals.tax,
      gross: totals.gross,
      responsibleId: deal.assignedById,
      createdById: viewer.id,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await insertRows(db, viewer.orgId, document!.id, rows, currency);
  await recordInHistory(db, viewer, document!, null, document!.status, at);
  return document!.id;
}

/** An invoice from a quote: every row, the client and the seller as they are on the quote. */
export async function invoiceFromQuote(db: Db, viewer: Viewer, quoteId: number, at = new Date()): Promise<number> {
  const { document: quote } = await lockDocumentForUpdate(db, viewer, quoteId);
  if (quote.kind !== "quote") throw new ActionError("invalid", "documents.errors.notAQuote");
  // A declined quote, or one in a failure status an administrator added, becomes no invoice.
  if (statusInfo("quote", quote.status, await customStatuses(db, viewer.orgId))?.semantics === "F") throw new ActionError("invalid", "documents.errors.quoteDeclined");
  const rows = await db.select().from(documentRows).where(and(eq(documentRows.orgId, viewer.orgId), eq(documentRows.documentId, quoteId))).orderBy(asc(documentRows.sort));
  const timeZone = await orgTimeZone(db, viewer.orgId);
  const issuedOn = todayIn(timeZone, at);
  const { id: _id, number: _number, status: _status, publicTokenHash: _token, publicExpiresAt: _expires, clientComment: _comment, version: _version, ...kept } = quote;
  void [_id, _number, _status, _token, _expires, _comment, _version];
  const [invoice] = await db
    .insert(documents)
    .values({ ...kept, kind: "invoice", number: await allocateNumber(db, viewer.orgId, "invoice", at, timeZone), status: "new", issuedOn, dueOn: addDays(issuedOn, VALID_DAYS.invoice), paid: "0", quoteId, createdById: viewer.id, createdAt: at, updatedAt: at })
    .returning();
  if (rows.length) await db.insert(documentRows).values(rows.map((row) => ({ ...row, documentId: invoice!.id })));
  await recordInHistory(db, viewer, invoice!, null, "new", at);
  return invoice!.id;
}

function refuseStaleDocument(document: DocumentRow, version: number | undefined) {
  if (version !== undefined && document.version !== version) throw new ActionError("stale", "documents.errors.stale");
}

export async function changeStatus(db: Db, viewer: Viewer, id: number, version: number | undefined, to: DocumentStatus, at = new Date()): Promise<void> {
  const { document, deal } = await lockDocumentForUpdate(db, viewer, id);
  refuseStaleDocument(document, version);
  if (!mayChangeStatus(document, to, await customStatuses(db, viewer.orgId))) throw new ActionError("invalid", "documents.errors.statusNotAllowed");
  await db.update(documents).set({ status: to, version: document.version + 1, updatedAt: at }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
  await recordInHistory(db, viewer, document, document.status, to, at);
  if (document.kind === "quote" && to === "approved") await onDocumentEvent(db, viewer.orgId, deal, "quoteApproved");
}

/** A sent document back to its first status, so its details can be edited again (recorded in the history). */
export async function reopen(db: Db, viewer: Viewer, id: number, version?: number, at = new Date()): Promise<void> {
  const { document } = await lockDocumentForUpdate(db, viewer, id);
  refuseStaleDocument(document, version);
  if (document.status !== "sent") throw new ActionError("invalid", "documents.errors.statusNotAllowed");
  const first = FIRST_STATUS[document.kind];
  await db.update(documents).set({ status: first, version: document.version + 1, updatedAt: at }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
  await recordInHistory(db, viewer, document, document.status, first, at);
}

/**
 * A draft quote or new invoice takes its deal's rows again (after they were changed on the deal):
 * rows and totals replaced in one go; the deal's currency must still be the document's.
 */
export async function refreshRowsFromDeal(db: Db, viewer: Viewer, id: number, version: number, at = new Date()): Promise<void> {
  const { document, deal } = await lockDocumentForUpdate(db, viewer, id);
  refuseStaleDocument(document, version);
  if (!isEditable(document.status)) throw new ActionError("invalid", "documents.errors.reopenFirst");
  if (deal.currency.trim() !== document.currency.trim()) throw new ActionError("invalid", "documents.errors.currencyChanged", { currency: deal.currency.trim() });
  const currency: Currency = isCurrency(document.currency) ? document.currency : "VND";
  const rows = await rowsOfDeal(db, viewer.orgId, deal);
  const totals = documentTotals(rows, currency);
  await db.delete(documentRows).where(and(eq(documentRows.orgId, viewer.orgId), eq(documentRows.documentId, id)));
  await insertRows(db, viewer.orgId, id, rows, currency);
  await db.update(documents).set({ net: totals.net, tax: totals.tax, gross: totals.gross, version: document.version + 1, updatedAt: at }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
}

export type DocumentDetails = { issuedOn: string; dueOn: string | null; buyerName: string; buyerTaxCode: string; buyerAddress: string; buyerEmail: string; sellerId: number | null; content: string; terms: string };

export async function updateDetails(db: Db, viewer: Viewer, id: number, version: number, details: DocumentDetails, at = new Date()): Promise<void> {
  const { document } = await lockDocumentForUpdate(db, viewer, id);
  refuseStaleDocument(document, version);
  if (!isEditable(document.status)) throw new ActionError("invalid", "documents.errors.reopenFirst");
  if (details.sellerId !== null) {
    const [seller] = await db.select({ id: myCompanies.id }).from(myCompanies).where(and(eq(myCompanies.orgId, viewer.orgId), eq(myCompanies.id, details.sellerId)));
    if (!seller) throw new ActionError("invalid", "errors.unknownOption");
  }
  if (details.dueOn !== null && details.dueOn < details.issuedOn) throw new ActionError("invalid", "documents.errors.dueBeforeIssue", undefined, { dueOn: "documents.errors.dueBeforeIssue" });
  await db.update(documents).set({ ...details, version: document.version + 1, updatedAt: at }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
}

export type PaymentInput = { paidOn: string; amount: string; method: PaymentMethod; note: string };

/**
 * A payment against an invoice: never above the balance; the invoice becomes partly paid, or paid
 * when the balance reaches zero. Returns whether this payment paid it in full.
 */
export async function recordPayment(db: Db, viewer: Viewer, id: number, payment: PaymentInput, at = new Date()): Promise<{ fullyPaid: boolean }> {
  const { document, deal } = await lockDocumentForUpdate(db, viewer, id);
  if (document.kind !== "invoice") throw new ActionError("invalid", "documents.errors.notAnInvoice");
  if (!isPayable(document, await customStatuses(db, viewer.orgId))) throw new ActionError("invalid", "documents.errors.notPayable");
  const currency: Currency = isCurrency(document.currency) ? document.currency : "VND";
  if (minorUnits[currency] === 0 && payment.amount.includes(".")) throw new ActionError("invalid", "errors.noFractionForCurrency", { currency }, { amount: "errors.noFractionForCurrency" });
  if (compareDecimalStrings(payment.amount, "0") <= 0) throw new ActionError("invalid", "documents.errors.paymentNotPositive", undefined, { amount: "documents.errors.paymentNotPositive" });
  const balance = normalizeAmount(addDecimals(document.gross, document.paid, -1));
  if (compareDecimalStrings(payment.amount, balance) > 0) throw new ActionError("invalid", "documents.errors.paymentAboveBalance", { balance, currency }, { amount: "documents.errors.paymentAboveBalance" });
  const paid = addDecimals(document.paid, payment.amount);
  const fullyPaid = compareDecimalStrings(paid, document.gross) === 0;
  const status: DocumentStatus = fullyPaid ? "paid" : "partlyPaid";
  await db.insert(documentPayments).values({ orgId: viewer.orgId, documentId: id, ...payment, createdById: viewer.id, createdAt: at });
  await db.update(documents).set({ paid, status, version: document.version + 1, updatedAt: at }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
  if (status !== document.status) await recordInHistory(db, viewer, document, document.status, status, at);
  if (fullyPaid) await onDocumentEvent(db, viewer.orgId, deal, "invoicePaid");
  return { fullyPaid };
}

/** Deletes a document; an invoice with any payment stays (cancel it instead, which keeps its number). */
export async function deleteDocument(db: Db, viewer: Viewer, id: number, version?: number, at = new Date()): Promise<{ dealId: number; kind: DocumentKind }> {
  const { document } = await lockDocumentForUpdate(db, viewer, id);
  refuseStaleDocument(document, version);
  if (compareDecimalStrings(document.paid, "0") > 0) throw new ActionError("invalid", "documents.errors.paidCannotBeDeleted");
  await db.update(documents).set({ quoteId: null }).where(and(eq(documents.orgId, viewer.orgId), eq(documents.quoteId, id)));
  await db.delete(documents).where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id)));
  await recordInHistory(db, viewer, document, document.status, null, at);
  return { dealId: document.dealId, kind: document.kind };
}
