import type { DocumentKind, DocumentStatus } from "@/db/schema/documents";
import { statusesOf, type CustomStatus } from "./status-set";
import { parseId } from "@/lib/ids";

/** "late": past the date and still waiting (an expired quote, an overdue invoice). */
export type DocumentStatusFilter = DocumentStatus | "late";
/** `mine`: documents the viewer is responsible for. */
export type DocumentListQuery = { kind: DocumentKind; status?: DocumentStatusFilter; q?: string; mine?: boolean; after: number | null };

const first = (v: string | string[] | null | undefined) => (Array.isArray(v) ? v[0] : (v ?? undefined));

/** The list's state from its URL; anything unknown is left out rather than refused. */
export function parseDocumentListQuery(kind: DocumentKind, get: (key: string) => string | string[] | null | undefined, custom: readonly CustomStatus[] = []): DocumentListQuery {
  const statuses: readonly string[] = [...statusesOf(kind, custom).map((s) => s.code), "late"];
  const status = first(get("status"));
  const q = first(get("q"))?.replaceAll("\u0000", "").trim().slice(0, 100);
  const mine = first(get("mine")) === "1" || undefined;
  return { kind, status: status && statuses.includes(status) ? (status as DocumentStatusFilter) : undefined, q: q || undefined, mine, after: parseId(first(get("after"))) };
}

export function documentListParams(query: Omit<DocumentListQuery, "kind">, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.q) params.set("q", query.q);
  if (query.mine) params.set("mine", "1");
  if (query.after) params.set("after", String(query.after));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}
