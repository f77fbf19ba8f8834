import type { FieldChange } from "@/db/schema";

/** The deal fields whose changes the history records, in the order the card shows them. */
export const trackedFields = [
  "title",
  "pipelineId",
  "stageId",
  "amount",
  "currency",
  "probability",
  "assignedById",
  "companyId",
  "contactIds",
  "beginDate",
  "closeDate",
  "opened",
  "sourceId",
  "sourceDescription",
  "typeId",
  "comments",
] as const;
export type TrackedField = (typeof trackedFields)[number];
export type TrackedValues = { [K in TrackedField]: unknown };

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = [...a].sort();
    const y = [...b].sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return (a ?? null) === (b ?? null);
}

/** Old → new for every tracked field that differs. */
export function diffDeal(before: TrackedValues, after: TrackedValues): FieldChange[] {
  return trackedFields.filter((field) => !same(before[field], after[field])).map((field) => ({ field, old: before[field] ?? null, new: after[field] ?? null }));
}
