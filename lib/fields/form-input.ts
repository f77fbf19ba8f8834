import { ActionError } from "@/lib/actions/errors";
import { zonedTimeToDate } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { toLocalInput } from "@/lib/activities/deadline";
import { amountForInput } from "@/lib/money/money";
import { customValuesSchema, type FieldDefinition, type MoneyValue, type RawInput, type StoredValue } from "./values";

/**
 * How custom fields travel in a form: every value of a field as `cf:CODE[]` (a money field's
 * currencies as `cf:CODE:currency[]`), and `cf:sent` once per field the form shows, so an emptied
 * field (no value sent at all) is told apart from a field the form did not have.
 */
export const inputName = (code: string) => `cf:${code}[]`;
export const currencyName = (code: string) => `cf:${code}:currency[]`;
export const SENT = "cf:sent";
/** New files for a file field (kept ones travel as ids under cf:CODE[]). */
export const fileInputName = (code: string) => `cf:${code}:file`;

/** The raw input of the fields a form sent; wall-clock date-times are read in the org's zone. */
export function customInputFromForm(formData: FormData, defs: FieldDefinition[], timeZone: string): Record<string, RawInput> {
  const sent = new Set(formData.getAll(SENT).map(String));
  const texts = (name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string");
  const input: Record<string, RawInput> = {};
  for (const def of defs) {
    if (!sent.has(def.code)) continue;
    if (def.type === "money") {
      const currencies = texts(currencyName(def.code));
      input[def.code] = texts(inputName(def.code)).map((amount, i) => ({ amount, currency: currencies[i] ?? "" }));
    } else if (def.type === "datetime") {
      input[def.code] = texts(inputName(def.code)).map((v) => (v.trim() ? (zonedTimeToDate(v.trim(), timeZone)?.toISOString() ?? v) : v));
    } else {
      input[def.code] = texts(inputName(def.code));
    }
  }
  return input;
}

/** Parses what a form sent with the fields' one schema; refuses with each field's message in the user's words. */
export function parseCustomInput(input: Record<string, RawInput>, defs: FieldDefinition[], i18n: { t: Translate; locale: Locale }, options?: { enforceMandatory?: boolean }): Record<string, StoredValue | null> {
  const parsed = customValuesSchema(defs, i18n, options).safeParse(input);
  if (parsed.success) return parsed.data;
  const messages: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (messages[`cf:${String(issue.path[0])}`] ??= []).push(issue.message);
  throw new ActionError("invalid", "errors.invalid", undefined, undefined, messages);
}

/** A deal's stored custom values as the form's fields (`cf:CODE[]` → texts in the user's separators and zone). */
export function customFormValues(defs: FieldDefinition[], stored: Record<string, unknown>, decimalSeparator: "." | ",", timeZone: string): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const def of defs) {
    const raw = stored[def.code];
    const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    if (def.type === "money") {
      values[inputName(def.code)] = list.map((m) => amountForInput((m as MoneyValue).amount, decimalSeparator));
      values[currencyName(def.code)] = list.map((m) => (m as MoneyValue).currency);
      continue;
    }
    values[inputName(def.code)] = list.map((v) => {
      if (def.type === "datetime") return toLocalInput(new Date(String(v)), timeZone);
      if (def.type === "decimal") return decimalSeparator === "," ? String(v).replace(".", ",") : String(v);
      if (def.type === "boolean") return v ? "1" : "0";
      return String(v);
    });
  }
  return values;
}
