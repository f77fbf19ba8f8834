import type { MessageKey } from "@/lib/i18n/translate";
import type { SortKey } from "./url-state";

/** Every column the list can show; the user picks which. */
export const listColumns = [
  { key: "title", label: "deals.fields.title", sort: "title" },
  { key: "stage", label: "deals.fields.stage" },
  { key: "amount", label: "deals.fields.amount", sort: "amount", numeric: true },
  { key: "company", label: "deals.fields.company" },
  { key: "contacts", label: "deals.fields.contacts" },
  { key: "responsible", label: "deals.fields.responsible" },
  { key: "pipeline", label: "deals.fields.pipeline" },
  { key: "beginDate", label: "deals.fields.beginDate", sort: "beginDate" },
  { key: "closeDate", label: "deals.fields.closeDate", sort: "closeDate" },
  { key: "createdAt", label: "deals.fields.createdAt", sort: "createdAt" },
  { key: "updatedAt", label: "deals.fields.updatedAt", sort: "updatedAt" },
  { key: "probability", label: "deals.fields.probability", sort: "probability", numeric: true },
  { key: "source", label: "deals.fields.source" },
  { key: "type", label: "deals.fields.type" },
  { key: "opened", label: "deals.fields.opened" },
] as const satisfies readonly { key: string; label: MessageKey; sort?: SortKey; numeric?: boolean }[];

export type ColumnKey = (typeof listColumns)[number]["key"];
export const defaultColumns: ColumnKey[] = ["title", "stage", "amount", "company", "responsible", "closeDate"];
export const COLUMNS_SETTING = "deals.list.columns";

/** A saved choice, cleaned: known keys only, in the list's order, the title always first. */
export function cleanColumns(value: unknown): ColumnKey[] {
  if (!Array.isArray(value)) return defaultColumns;
  const chosen = listColumns.map((c) => c.key).filter((key) => key === "title" || value.includes(key));
  return chosen.length > 1 ? chosen : defaultColumns;
}
