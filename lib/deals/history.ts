import type { FieldChange } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/translate";
import type { TrackedField } from "./changes";
import { formatCustomValue } from "@/lib/fields/format";
import type { FieldDefinition } from "@/lib/fields/values";

export type HistoryLookups = {
  /** Custom fields by code: their label and how their values read. */
  fields?: Map<string, FieldDefinition>;
  timeZone?: string;
  pipelines: Map<number, string>;
  stages: Map<number, string>;
  users: Map<number, string>;
  companies: Map<number, string>;
  contacts: Map<number, string>;
  /** Statuses an administrator added to quotes and invoices ("c12" → its name). */
  documentStatuses?: Map<string, string>;
};

type HistoryField = TrackedField | "observerIds" | "products" | "quote" | "invoice";

const labels: Record<HistoryField, MessageKey> = {
  observerIds: "deals.fields.observers",
  quote: "documents.quote",
  invoice: "documents.invoice",
  products: "deals.products",
  title: "deals.fields.title",
  pipelineId: "deals.fields.pipeline",
  stageId: "deals.fields.stage",
  amount: "deals.fields.amount",
  currency: "deals.fields.currency",
  probability: "deals.fields.probability",
  assignedById: "deals.fields.responsible",
  companyId: "deals.fields.company",
  contactIds: "deals.fields.contacts",
  beginDate: "deals.fields.beginDate",
  closeDate: "deals.fields.closeDate",
  opened: "deals.fields.opened",
  sourceId: "deals.fields.source",
  sourceDescription: "deals.fields.sourceDescription",
  typeId: "deals.fields.type",
  comments: "deals.fields.comments",
};

/** Ids that history rows refer to, so their names can be loaded in one query per kind. */
export function referencedIds(changes: FieldChange[]) {
  const ids = { companies: new Set<number>(), contacts: new Set<number>() };
  for (const c of changes) {
    for (const v of [c.old, c.new]) {
      if (c.field === "companyId" && typeof v === "number") ids.companies.add(v);
      if (c.field === "contactIds" && Array.isArray(v)) v.forEach((id) => typeof id === "number" && ids.contacts.add(id));
    }
  }
  return ids;
}

/** One change as the card shows it: the field's label and its old and new values in words. */
export function describeChange(change: FieldChange, lookups: HistoryLookups, t: Translate, locale: Locale, currency: string, amountHidden = false) {
  const custom = lookups.fields?.get(change.field);
  if (custom) {
    const show = (value: unknown) => formatCustomValue(custom, value, { t, locale, timeZone: lookups.timeZone ?? "UTC", names: lookups });
    return { label: custom.label, old: show(change.old), new: show(change.new) };
  }
  const field = change.field as HistoryField;
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("common.none");
    switch (field) {
      case "pipelineId":
        return lookups.pipelines.get(value as number) ?? `#${value}`;
      case "stageId":
        return lookups.stages.get(value as number) ?? `#${value}`;
      case "assignedById":
        return lookups.users.get(value as number) ?? `#${value}`;
      case "companyId":
        return lookups.companies.get(value as number) ?? `#${value}`;
      case "observerIds":
        return (value as number[]).map((id) => lookups.users.get(id) ?? `#${id}`).join(", ") || t("common.none");
      case "contactIds":
        return (value as number[]).map((id) => lookups.contacts.get(id) ?? `#${id}`).join(", ") || t("common.none");
      case "amount":
        return amountHidden ? t("common.hidden") : formatMoney(String(value), currency, locale);
      case "beginDate":
      case "closeDate":
        return formatDate(String(value), locale);
      case "opened":
        return value ? t("common.yes") : t("common.no");
      case "sourceId":
        return t(`deals.sources.${value}` as MessageKey);
      case "typeId":
        return t(`deals.types.${value}` as MessageKey);
      case "products":
        return (value as string[]).join("; ") || t("common.none");
      case "quote":
      case "invoice": {
        const { number, status } = value as { number: string; status: string };
        const name = /^c\d+$/.test(status) ? (lookups.documentStatuses?.get(status) ?? status) : t(`documents.statuses.${status}` as MessageKey);
        return `${number} (${name})`;
      }
      default:
        return String(value);
    }
  };
  return { label: field in labels ? t(labels[field]) : change.field, old: show(change.old), new: show(change.new) };
}
