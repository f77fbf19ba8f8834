import type { DocumentKind, DocumentStatus } from "@/db/schema";
import { compareDecimalStrings } from "./decimal-compare";
import { statusesOf, statusInfo, waitingStatuses, type CustomStatus } from "./status-set";

type Doc = { kind: DocumentKind; status: DocumentStatus; paid: string };

/** Statuses a person may choose for a document now (payments set an invoice's paid statuses). */
export function manualStatuses(document: Doc, custom: readonly CustomStatus[] = []): DocumentStatus[] {
  return statusesOf(document.kind, custom)
    .map((s) => s.code)
    .filter((to) => mayChangeStatus(document, to, custom));
}

/**
 * A quote may go to any of its statuses. An invoice goes from "new" to "sent" by hand, to an added
 * in-progress status while unpaid, and to "cancelled" or an added failure status while nothing is
 * paid; "partly paid" and "paid" come from payments only.
 */
export function mayChangeStatus(document: Doc, to: DocumentStatus, custom: readonly CustomStatus[] = []): boolean {
  if (document.status === to) return false;
  const target = statusInfo(document.kind, to, custom);
  if (!target) return false;
  if (document.kind === "quote") return true;
  const unpaid = compareDecimalStrings(document.paid, "0") === 0;
  const waiting = waitingStatuses("invoice", custom).includes(document.status) && document.status !== "partlyPaid";
  if (to === "sent") return document.status === "new";
  if (to === "partlyPaid" || to === "paid" || to === "new") return false;
  return waiting && unpaid && (target.semantics === "F" || target.semantics === "P");
}

/** Statuses in which a document's details may be edited; a sent one is reopened first. */
export const isEditable = (status: DocumentStatus) => status === "draft" || status === "new";

/** An invoice still waiting for money takes payments (not a cancelled or refused one). */
export const isPayable = (document: { kind: DocumentKind; status: DocumentStatus }, custom: readonly CustomStatus[] = []) =>
  document.kind === "invoice" && waitingStatuses("invoice", custom).includes(document.status);

/** Past its date and still waiting: a quote not answered by its "valid until", an invoice not paid by its "pay before". */
export function isLate(document: { kind: DocumentKind; status: DocumentStatus; dueOn: string | null }, today: string, custom: readonly CustomStatus[] = []): boolean {
  if (!document.dueOn || document.dueOn >= today) return false;
  return waitingStatuses(document.kind, custom).includes(document.status);
}
