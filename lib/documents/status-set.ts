import type { DocumentKind, DocumentStatus, SystemStatus } from "@/db/schema/documents";
import type { MessageKey, Translate } from "@/lib/i18n/translate";

export type Semantics = "P" | "S" | "F";
export type CustomStatus = { id: number; kind: DocumentKind; name: string; semantics: "P" | "F"; sort: number; color: string };
export type StatusInfo = { code: DocumentStatus; semantics: Semantics; sort: number; color: string; name: string | null; system: boolean };

/** Each kind's own statuses, in order; an administrator's are placed among them by their sort. */
const SYSTEM: Record<DocumentKind, { code: SystemStatus; semantics: Semantics; sort: number; color: string }[]> = {
  quote: [
    { code: "draft", semantics: "P", sort: 10, color: "#94a3b8" },
    { code: "sent", semantics: "P", sort: 20, color: "#3b82f6" },
    { code: "approved", semantics: "S", sort: 900, color: "#16a34a" },
    { code: "declined", semantics: "F", sort: 1000, color: "#dc2626" },
  ],
  invoice: [
    { code: "new", semantics: "P", sort: 10, color: "#94a3b8" },
    { code: "sent", semantics: "P", sort: 20, color: "#3b82f6" },
    { code: "partlyPaid", semantics: "P", sort: 800, color: "#f59e0b" },
    { code: "paid", semantics: "S", sort: 900, color: "#16a34a" },
    { code: "cancelled", semantics: "F", sort: 1000, color: "#dc2626" },
  ],
};

/** A kind's statuses, system and added, in their order. */
export function statusesOf(kind: DocumentKind, custom: readonly CustomStatus[]): StatusInfo[] {
  return [
    ...SYSTEM[kind].map((s) => ({ ...s, name: null, system: true })),
    ...custom.filter((c) => c.kind === kind).map((c) => ({ code: `c${c.id}` as DocumentStatus, semantics: c.semantics, sort: c.sort, color: c.color, name: c.name, system: false })),
  ].sort((a, b) => a.sort - b.sort);
}

export function statusInfo(kind: DocumentKind, code: string, custom: readonly CustomStatus[]): StatusInfo | null {
  return statusesOf(kind, custom).find((s) => s.code === code) ?? null;
}

/** A status as people read it: the system's in their language, an added one by its name. */
export function statusLabel(code: string, t: Translate, custom: readonly CustomStatus[]): string {
  const added = /^c(\d+)$/.exec(code);
  if (added) return custom.find((c) => c.id === Number(added[1]))?.name ?? code;
  return t(`documents.statuses.${code}` as MessageKey);
}

/** Still waiting for the client (a quote) or for money (an invoice): the in-progress statuses. */
export function waitingStatuses(kind: DocumentKind, custom: readonly CustomStatus[]): DocumentStatus[] {
  return statusesOf(kind, custom)
    .filter((s) => s.semantics === "P")
    .map((s) => s.code);
}
