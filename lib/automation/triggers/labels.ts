import type { MessageKey, Translate } from "@/lib/i18n/translate";
import { customCodeOf } from "./kinds";

/** The label of each standard field key a trigger names (its watched field, its condition's fields). */
const standardLabels: Record<string, MessageKey> = {
  title: "deals.fields.title",
  amount: "deals.fields.amount",
  amountBase: "triggers.fields.amountBase",
  currency: "deals.fields.currency",
  probability: "deals.fields.probability",
  stageId: "triggers.fields.stageId",
  assignedById: "deals.fields.responsible",
  companyId: "deals.fields.company",
  contactIds: "deals.fields.contacts",
  sourceId: "deals.fields.source",
  sourceDescription: "deals.fields.sourceDescription",
  typeId: "deals.fields.type",
  beginDate: "deals.fields.beginDate",
  closeDate: "deals.fields.closeDate",
  opened: "deals.fields.opened",
  comments: "deals.fields.comments",
  "company.title": "triggers.fields.companyTitle",
  "company.email": "triggers.fields.companyEmail",
  "contact.name": "triggers.fields.contactName",
  "contact.email": "triggers.fields.contactEmail",
  "contact.phone": "triggers.fields.contactPhone",
};

/** A field key's label: a standard field's message, a custom field's label, else the key itself (a field since deleted). */
export function fieldLabel(key: string, t: Translate, customLabels: ReadonlyMap<string, string>): string {
  const standard = standardLabels[key];
  if (standard) return t(standard);
  const code = customCodeOf(key);
  return (code && customLabels.get(code)) ?? key;
}

/** A log entry's detail (`{"key", "vars"}`) in the reader's words; a condition's field and comparison by their labels. */
export function describeDetail(detail: string | null, t: Translate, customLabels: ReadonlyMap<string, string>): string {
  if (!detail) return "";
  try {
    const { key, vars = {} } = JSON.parse(detail) as { key: string; vars?: Record<string, string | number> };
    const shown = { ...vars };
    if (typeof vars.field === "string") shown.field = fieldLabel(vars.field, t, customLabels);
    if (typeof vars.cmp === "string") shown.cmp = t(`triggers.cmp.${vars.cmp}` as MessageKey);
    return t(key as MessageKey, shown);
  } catch {
    return detail;
  }
}
