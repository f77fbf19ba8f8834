import { parseIds } from "@/lib/ids";

/** The list's group actions and the deals they apply to: shared by the bulk form, the list URL and the server action. */
export const BULK_KINDS = ["responsible", "stage", "pipeline", "open", "close", "observers", "task", "quote", "invoice", "delete"] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

export const BULK_SCOPES = ["selected", "page", "filter"] as const;
export type BulkScope = (typeof BULK_SCOPES)[number];

/** The list URL's parameters for the bulk panel's second step (the first step is a GET form that sets them). */
export const BULK_PARAMS = { kind: "bulk", scope: "bulkScope", ids: "ids[]" } as const;

export type BulkRequest = { kind: BulkKind; scope: BulkScope; ids: number[] };

/** The action, scope and ticked rows the first step sent (at most maxIds, each once), or null on a plain list view. */
export function bulkRequest(params: Record<string, string | string[] | undefined>, maxIds: number): BulkRequest | null {
  const kind = BULK_KINDS.find((k) => k === params[BULK_PARAMS.kind]);
  if (!kind) return null;
  const scope = BULK_SCOPES.find((s) => s === params[BULK_PARAMS.scope]) ?? "selected";
  const raw = params[BULK_PARAMS.ids];
  return { kind, scope, ids: parseIds(Array.isArray(raw) ? raw : raw ? [raw] : [], maxIds) };
}
