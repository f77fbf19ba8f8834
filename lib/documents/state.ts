import type { DocumentKind, DocumentStatus } from "@/db/schema";
import { compareDecimalStrings } from "./decimal-compare";

/** Statuses a person may choose for a document now (payments set an invoice's paid statuses). */
export function manualStatuses(document: { kind: DocumentKind; status: DocumentStatus; paid: string }): DocumentStatus[] {
  const candidates: DocumentStatus[] = document.kind === "quote" ? ["draft", "sent", "approved", "declined"] : ["sent", "cancelled"];
  return candidates.filter((to) => mayChangeStatus(document, to));
}

export function mayChangeStatus(document: { kind: DocumentKind; status: DocumentStatus; paid: string }, to: DocumentStatus): boolean {
  if (document.status === to) return false;
  if (document.kind === "quote") return ["draft", "sent", "approved", "declined"].includes(to);
  if (to === "sent") return document.status === "new";
  if (to === "cancelled") return (document.status === "new" || document.status === "sent") && compareDecimalStrings(document.paid, "0") === 0;
  return false;
}

/** Statuses in which a document's details may be edited; a sent one is reopened first. */
export const isEditable = (status: DocumentStatus) => status === "draft" || status === "new";
export const isPayable = (document: { kind: DocumentKind; status: DocumentStatus }) => document.kind === "invoice" && ["new", "sent", "partlyPaid"].includes(document.status);

/** Past its date and still waiting: a quote not answered by its "valid until", an invoice not paid by its "pay before". */
export function isLate(document: { kind: DocumentKind; status: DocumentStatus; dueOn: string | null }, today: string): boolean {
  if (!document.dueOn || document.dueOn >= today) return false;
  return document.kind === "quote" ? document.status === "draft" || document.status === "sent" : isPayable(document);
}
