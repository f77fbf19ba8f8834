import "server-only";
import { and, asc, desc, eq, ilike, inArray, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { customStatuses } from "./statuses";
import { waitingStatuses, type CustomStatus } from "./status-set";
import type { DocumentStatusFilter } from "./list-params";
import type { Db } from "@/db/client";
import { dealObservers, deals, documentPayments, documents, type DocumentKind } from "@/db/schema";
import { documentContents } from "./contents";
import { amountsHidden, can, documentScope, type Viewer } from "@/lib/permissions";
import { likePattern, searchTerms } from "@/lib/search/normalize";
import { foldedSql } from "@/lib/search/sql-fold";

export type DocumentListItem = Awaited<ReturnType<typeof listDocuments>>["items"][number];

const listColumns = {
  id: documents.id,
  kind: documents.kind,
  number: documents.number,
  status: documents.status,
  issuedOn: documents.issuedOn,
  dueOn: documents.dueOn,
  currency: documents.currency,
  gross: documents.gross,
  paid: documents.paid,
  buyerName: documents.buyerName,
  dealId: documents.dealId,
  dealTitle: deals.title,
};

/** A deal's quotes or invoices, newest first; none when the viewer may not read the deal or see its amounts. */
export async function documentsOfDeal(db: Db, viewer: Viewer, dealId: number, kind: DocumentKind) {
  return db
    .select(listColumns)
    .from(documents)
    .innerJoin(deals, and(eq(deals.orgId, documents.orgId), eq(deals.id, documents.dealId)))
    .where(and(eq(documents.orgId, viewer.orgId), eq(documents.dealId, dealId), eq(documents.kind, kind), documentScope(viewer)))
    .orderBy(desc(documents.id));
}

export type DocumentListParams = { kind: DocumentKind; status?: DocumentStatusFilter; q?: string; mine?: boolean; after?: number | null; limit?: number; withTotals?: boolean; today?: string;
  /** The org's added statuses, when the caller has them already ("late" needs them). */
  custom?: readonly CustomStatus[];
};

/**
 * Deals → Quotes / Invoices: keyset pages by id (newest first), filtered by status and by number
 * or client, through the one rule; with the filtered set's totals per currency.
 */
export async function listDocuments(db: Db, viewer: Viewer, { kind, status, q, mine, after, limit = 50, withTotals = true, today, custom }: DocumentListParams) {
  const filters: (SQL | undefined)[] = [eq(documents.orgId, viewer.orgId), eq(documents.kind, kind), documentScope(viewer)];
  if (mine) filters.push(eq(documents.responsibleId, viewer.id));
  if (status === "late") filters.push(inArray(documents.status, waitingStatuses(kind, custom ?? (await customStatuses(db, viewer.orgId)))), lt(documents.dueOn, today ?? new Date().toISOString().slice(0, 10)));
  else if (status) filters.push(eq(documents.status, status));
  const term = q?.trim();
  if (term) {
    const words = searchTerms(term);
    const byClient = words.length ? and(...words.map((w) => sql`${foldedSql(sql`${documents.buyerName}`)} like ${likePattern(w)}`)) : undefined;
    filters.push(or(ilike(documents.number, `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), byClient));
  }
  const dealOfDocument = and(eq(deals.orgId, documents.orgId), eq(deals.id, documents.dealId));
  const [items, totals] = await Promise.all([
    db
      .select(listColumns)
      .from(documents)
      .innerJoin(deals, dealOfDocument)
      .where(and(...filters, after ? lt(documents.id, after) : undefined))
      .orderBy(desc(documents.id))
      .limit(limit + 1),
    withTotals
      ? db
          .select({ currency: documents.currency, count: sql<number>`count(*)::int`, gross: sql<string>`sum(${documents.gross})`, paid: sql<string>`sum(${documents.paid})` })
          .from(documents)
          .innerJoin(deals, dealOfDocument)
          .where(and(...filters))
          .groupBy(documents.currency)
          .orderBy(asc(documents.currency))
      : Promise.resolve([]),
  ]);
  const more = items.length > limit;
  const page = items.slice(0, limit);
  return { items: page, next: more ? page[page.length - 1]!.id : null, totals };
}

/** The viewer's overdue invoices (they are responsible, unpaid past "pay before"), counted as the activity counters are. */
export async function overdueInvoiceCount(db: Db, viewer: Viewer, today: string, custom?: readonly CustomStatus[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .innerJoin(deals, and(eq(deals.orgId, documents.orgId), eq(deals.id, documents.dealId)))
    .where(and(eq(documents.orgId, viewer.orgId), eq(documents.responsibleId, viewer.id), eq(documents.kind, "invoice"), notInArray(documents.status, ["paid", "cancelled"]), inArray(documents.status, waitingStatuses("invoice", custom ?? (await customStatuses(db, viewer.orgId)))), lt(documents.dueOn, today), documentScope(viewer)));
  return row?.n ?? 0;
}

/** One document with its rows, payments and seller, or null when the viewer may not read it (as if it did not exist). */
export async function getDocument(db: Db, viewer: Viewer, id: number) {
  const [found] = await db
    .select({ document: documents, deal: { id: deals.id, title: deals.title, orgId: deals.orgId, pipelineId: deals.pipelineId, stageId: deals.stageId, assignedById: deals.assignedById, opened: deals.opened } })
    .from(documents)
    .innerJoin(deals, and(eq(deals.orgId, documents.orgId), eq(deals.id, documents.dealId)))
    .where(and(eq(documents.orgId, viewer.orgId), eq(documents.id, id), documentScope(viewer)));
  if (!found) return null;
  const [{ rows, seller }, payments] = await Promise.all([
    documentContents(db, found.document),
    db.select().from(documentPayments).where(and(eq(documentPayments.orgId, viewer.orgId), eq(documentPayments.documentId, id))).orderBy(asc(documentPayments.paidOn), asc(documentPayments.id)),
  ]);
  const observers = await db.select({ id: dealObservers.userId }).from(dealObservers).where(and(eq(dealObservers.orgId, viewer.orgId), eq(dealObservers.dealId, found.deal.id)));
  const facts = { ...found.deal, observerIds: observers.map((o) => o.id) };
  const mayEdit = can(viewer, "UPDATE", facts) && !amountsHidden(viewer, facts.pipelineId);
  return { ...found, rows, payments, seller, mayEdit };
}
