import { z } from "zod";
import { parseId } from "@/lib/ids";
import type { CustomFieldSettings, CustomFieldType } from "@/db/schema/fields";
import { decimalSeparator, numberExample } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { currencies, isCurrency, parseAmount, parseDecimal, type Currency } from "@/lib/money/money";

/** What a custom field is, as the value schema needs it. */
export type FieldDefinition = {
  code: string;
  label: string;
  type: CustomFieldType;
  settings: CustomFieldSettings;
  multiple: boolean;
  mandatory: boolean;
};

export type MoneyValue = { amount: string; currency: Currency };
export type Scalar = string | number | boolean | MoneyValue;
/** A stored value: one scalar, or a list for a "multiple" field. An empty field has no key at all. */
export type StoredValue = Scalar | Scalar[];
export type CustomValues = Record<string, StoredValue>;

/** A field's raw input, as a form, an import row or the API gives it: texts (money: amount and currency pairs). */
export type RawInput = string[] | { amount: string; currency: string }[];

export const STRING_MAX = 2000;
export const TEXT_MAX = 10_000;
export const MAX_VALUES = 50;

type I18n = { t: Translate; locale: Locale };

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** One entry of a field's input → its stored scalar, or an error message. */
function parseScalar(def: FieldDefinition, raw: string | { amount: string; currency: string }, { t, locale }: I18n): { ok: true; value: Scalar } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  const sep = decimalSeparator(locale) as "." | ",";
  if (def.type === "money") {
    if (typeof raw === "string" || !isCurrency(raw.currency)) return fail(t("errors.unknownOption"));
    const parsed = parseAmount(raw.amount, sep, raw.currency);
    if (!parsed.ok) return fail(t(`errors.${parsed.error}`, { example: numberExample(locale), currency: raw.currency }));
    return { ok: true, value: { amount: parsed.amount, currency: raw.currency } };
  }
  if (typeof raw !== "string") return fail(t("errors.invalid"));
  const text = raw.trim();
  switch (def.type) {
    case "string":
    case "address": {
      const max = def.type === "address" || def.settings.multiline ? TEXT_MAX : STRING_MAX;
      if (text.length > max) return fail(t("errors.tooLong", { max }));
      return { ok: true, value: def.type === "string" && !def.settings.multiline ? text.replace(/\s+/g, " ") : text };
    }
    case "url": {
      if (text.length > STRING_MAX) return fail(t("errors.tooLong", { max: STRING_MAX }));
      try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
        if (url.protocol !== "http:" && url.protocol !== "https:") return fail(t("fields.badUrl"));
        return { ok: true, value: url.toString() };
      } catch {
        return fail(t("fields.badUrl"));
      }
    }
    case "integer": {
      const negative = text.startsWith("-");
      const parsed = parseDecimal(negative ? text.slice(1) : text, sep, 0);
      const n = parsed.ok ? Number(parsed.amount) * (negative ? -1 : 1) : NaN;
      if (!parsed.ok || !Number.isSafeInteger(n)) return fail(t("fields.badInteger"));
      return { ok: true, value: n === 0 ? 0 : n };
    }
    case "decimal": {
      const negative = text.startsWith("-");
      const parsed = parseDecimal(negative ? text.slice(1) : text, sep, def.settings.precision ?? 2);
      if (!parsed.ok) return fail(t("fields.badDecimal", { precision: def.settings.precision ?? 2, example: numberExample(locale) }));
      return { ok: true, value: negative && !/^0(\.0*)?$/.test(parsed.amount) ? `-${parsed.amount}` : parsed.amount };
    }
    case "boolean":
      if (["1", "true", "yes", "on", "có"].includes(text.toLowerCase())) return { ok: true, value: true };
      if (["0", "false", "no", "off", "không"].includes(text.toLowerCase())) return { ok: true, value: false };
      return fail(t("errors.unknownOption"));
    case "date":
      return isIsoDate(text) ? { ok: true, value: text } : fail(t("errors.invalidDate"));
    case "datetime": {
      // An instant, as the API sends it, or a wall-clock time the caller has already resolved to one.
      const date = new Date(text);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(date.getTime())) return fail(t("errors.invalidDate"));
      return { ok: true, value: date.toISOString() };
    }
    case "enumeration": {
      const id = Number(text);
      if (!(def.settings.options ?? []).some((o) => o.id === id)) return fail(t("errors.unknownOption"));
      return { ok: true, value: id };
    }
    case "employee":
    case "crm":
    case "file": {
      const id = parseId(text);
      if (id === null) return fail(t("errors.unknownOption"));
      return { ok: true, value: id };
    }
  }
}

const isEmpty = (raw: string | { amount: string; currency: string }) => (typeof raw === "string" ? raw.trim() === "" : raw.amount.trim() === "");

/**
 * The one schema of a custom field's value, built from its definition: forms, import, list filters
 * and the API all parse with it. Empty entries are dropped; no entry at all is `null` (a
 * mandatory field refuses that when `enforceMandatory`).
 */
export function fieldValueSchema(def: FieldDefinition, i18n: I18n, { enforceMandatory = true } = {}) {
  const entry = z.union([z.string(), z.object({ amount: z.string(), currency: z.string() })]);
  return z
    .array(entry)
    .max(MAX_VALUES, i18n.t("fields.tooManyValues", { max: MAX_VALUES }))
    .transform((input, context): StoredValue | null => {
      const entries = input.filter((raw) => !isEmpty(raw));
      if (entries.length === 0) {
        if (def.mandatory && enforceMandatory) context.addIssue({ code: "custom", message: i18n.t("errors.required") });
        return null;
      }
      if (!def.multiple && entries.length > 1) {
        context.addIssue({ code: "custom", message: i18n.t("fields.oneValue") });
        return z.NEVER;
      }
      const values: Scalar[] = [];
      for (const raw of entries) {
        const parsed = parseScalar(def, raw, i18n);
        if (!parsed.ok) {
          context.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }
        values.push(parsed.value);
      }
      return def.multiple ? values : values[0]!;
    });
}

/** Every field's schema in one object keyed by code; only the codes given are parsed (a partial form changes only those). */
export function customValuesSchema(defs: FieldDefinition[], i18n: I18n, options: { enforceMandatory?: boolean } = {}) {
  const shape = Object.fromEntries(defs.map((def) => [def.code, fieldValueSchema(def, i18n, options).optional()]));
  return z.object(shape).transform((parsed) => {
    const values: Record<string, StoredValue | null> = {};
    for (const [code, value] of Object.entries(parsed)) if (value !== undefined) values[code] = value as StoredValue | null;
    return values;
  });
}

/** A stored value is empty when it is missing, an empty list, or an empty string. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

export { currencies };
