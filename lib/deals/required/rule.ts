import { isValidCode } from "@/lib/fields/code";
import { isEmptyValue } from "@/lib/fields/values";
import type { MessageKey } from "@/lib/i18n/translate";

/**
 * Fields that can be required from a stage on (the reference's "required at stage"): standard
 * deal fields by their form names, and custom fields by their codes (UF_CRM_…).
 * This half of the rule is pure so the board's forms can use it in the browser; what each stage
 * requires is stored, read and enforced in ./service.ts.
 */
export const requirableFields = ["amount", "companyId", "contactIds", "sourceId", "typeId", "probability", "sourceDescription", "comments"] as const;
export type StandardRequirableField = (typeof requirableFields)[number];

/** Each standard requirable field's name, as forms and messages call it. */
export const requirableLabel: Record<StandardRequirableField, MessageKey> = {
  amount: "deals.fields.amount",
  companyId: "deals.fields.company",
  contactIds: "deals.fields.contacts",
  sourceId: "deals.fields.source",
  typeId: "deals.fields.type",
  probability: "deals.fields.probability",
  sourceDescription: "deals.fields.sourceDescription",
  comments: "deals.fields.comments",
};
export type RequirableField = StandardRequirableField | `UF_CRM_${string}`;

export function isStandardRequirable(field: string): field is StandardRequirableField {
  return (requirableFields as readonly string[]).includes(field);
}

export function isRequirable(field: string): field is RequirableField {
  return isStandardRequirable(field) || isValidCode(field);
}

/** The form field a requirement's error is reported on: custom fields' inputs are named cf:CODE. */
export const errorKey = (field: RequirableField) => (isStandardRequirable(field) ? field : `cf:${field}`);
/** …and back: which required field a refusal's error key names. */
export function fieldOfErrorKey(key: string): RequirableField | null {
  const field = key.startsWith("cf:") ? key.slice(3) : key;
  return isRequirable(field) ? field : null;
}

type Values = { custom?: Record<string, unknown>; amount: string | null; companyId: number | null; contactIds: number[]; sourceId: string | null; typeId: string | null; probability: number | null; sourceDescription: string | null; comments: string | null };

/** An amount of zero counts as missing: a stage that requires an amount wants a real one. */
export function isMissing(field: RequirableField, values: Values): boolean {
  if (!isStandardRequirable(field)) return isEmptyValue(values.custom?.[field]);
  switch (field) {
    case "amount":
      return values.amount === null || /^0*(\.0*)?$/.test(values.amount);
    case "contactIds":
      return values.contactIds.length === 0;
    case "probability":
      return values.probability === null;
    default:
      return values[field] === null || values[field] === "";
  }
}

export function missingFields(required: RequirableField[], values: Values): RequirableField[] {
  return required.filter((field) => isMissing(field, values));
}
