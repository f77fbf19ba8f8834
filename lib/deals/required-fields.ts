/**
 * Fields that can be required from a stage on (the reference's "required at stage"): standard
 * deal fields by their form names. Custom fields join this list when they exist.
 */
export const requirableFields = ["amount", "companyId", "contactIds", "sourceId", "typeId", "probability", "sourceDescription", "comments"] as const;
export type RequirableField = (typeof requirableFields)[number];

export function isRequirable(field: string): field is RequirableField {
  return (requirableFields as readonly string[]).includes(field);
}

type Values = { amount: string | null; companyId: number | null; contactIds: number[]; sourceId: string | null; typeId: string | null; probability: number | null; sourceDescription: string | null; comments: string | null };

/** An amount of zero counts as missing: a stage that requires an amount wants a real one. */
export function isMissing(field: RequirableField, values: Values): boolean {
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
