import type { MessageKey } from "@/lib/i18n/translate";

/**
 * The deal fields robots may name, by the keys the engine reads them under (lib/automation/
 * snapshot.ts: a standard field by name, a client field as "company.title", a custom field as
 * "uf.CODE"), each with its label. The editor offers these and the service refuses anything else.
 */

/** What a condition may compare: the deal snapshot's standard keys. */
export const conditionStandardFields = [
  "title",
  "amount",
  "amountBase",
  "currency",
  "probability",
  "stageId",
  "assignedById",
  "companyId",
  "sourceId",
  "typeId",
  "beginDate",
  "closeDate",
  "opened",
  "comments",
  "company.title",
  "contact.name",
  "contact.email",
  "contact.phone",
] as const;

/** What a "change fields" robot may set among the standard fields. */
export const settableStandardFields = ["title", "amount", "probability", "sourceId", "typeId", "comments", "closeDate", "beginDate", "sourceDescription"] as const;

/** Dates a robot's timing may count from, among the standard fields (custom date fields too). */
export const standardDateFields = ["closeDate", "beginDate"] as const;

/** Fields that show the deal's amount: refused to an author whose role hides amounts in the pipeline. */
export const amountFields: readonly string[] = ["amount", "amountBase"];

const CUSTOM_PREFIX = "uf.";

/** A custom field's key, e.g. "uf.UF_CRM_BUDGET". */
export const customFieldKey = (code: string) => `${CUSTOM_PREFIX}${code}`;

/** The custom field code a key names, or null for a standard field. */
export function customCodeOf(key: string): string | null {
  return key.startsWith(CUSTOM_PREFIX) ? key.slice(CUSTOM_PREFIX.length) : null;
}

const standardLabels: Record<string, MessageKey> = {
  title: "deals.fields.title",
  amount: "deals.fields.amount",
  amountBase: "automation.fields.amountBase",
  currency: "deals.fields.currency",
  probability: "deals.fields.probability",
  stageId: "deals.fields.stage",
  assignedById: "deals.fields.responsible",
  companyId: "deals.fields.company",
  sourceId: "deals.fields.source",
  sourceDescription: "deals.fields.sourceDescription",
  typeId: "deals.fields.type",
  beginDate: "deals.fields.beginDate",
  closeDate: "deals.fields.closeDate",
  opened: "deals.fields.opened",
  comments: "deals.fields.comments",
  "company.title": "automation.fields.companyTitle",
  "contact.name": "automation.fields.contactName",
  "contact.email": "automation.fields.contactEmail",
  "contact.phone": "automation.fields.contactPhone",
};

/** The label of a field key: a standard field's message, a custom field's label, else the key itself. */
export function fieldLabel(key: string, t: (key: MessageKey) => string, customLabels: ReadonlyMap<string, string>): string {
  const standard = standardLabels[key];
  if (standard) return t(standard);
  const code = customCodeOf(key);
  return (code && customLabels.get(code)) ?? key;
}
