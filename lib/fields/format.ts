import type { FieldDefinition, MoneyValue, Scalar } from "./values";
import { formatDate, formatDateTime, formatMoney } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { numberFormat } from "@/lib/i18n/intl-cache";

/** Names of the records custom values point to (employees, companies, contacts, deals). */
export type RecordNames = { users: Map<number, string>; companies: Map<number, string>; contacts: Map<number, string>; deals?: Map<number, string>; files?: Map<number, string> };

/** A stored custom value in words, as the card, the list and the history show it. */
export function formatCustomValue(def: FieldDefinition, value: unknown, { t, locale, timeZone, names }: { t: Translate; locale: Locale; timeZone: string; names?: RecordNames }): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return t("common.none");
  const one = (v: Scalar): string => {
    switch (def.type) {
      case "boolean":
        return v ? t("fields.yes") : t("fields.no");
      case "date":
        return formatDate(String(v), locale);
      case "datetime":
        return formatDateTime(new Date(String(v)), locale, timeZone);
      case "money": {
        const m = v as MoneyValue;
        return formatMoney(m.amount, m.currency, locale);
      }
      case "decimal":
        return numberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: def.settings.precision ?? 2 }).format(Number(v));
      case "integer":
        return numberFormat(locale === "vi" ? "vi-VN" : "en-US").format(Number(v));
      case "enumeration":
        return def.settings.options?.find((o) => o.id === v)?.label ?? `#${String(v)}`;
      case "employee":
        return names?.users.get(Number(v)) ?? `#${String(v)}`;
      case "file":
        return names?.files?.get(Number(v)) ?? `#${String(v)}`;
      case "crm": {
        const target = def.settings.target ?? "company";
        const map = target === "company" ? names?.companies : target === "contact" ? names?.contacts : names?.deals;
        return map?.get(Number(v)) ?? `#${String(v)}`;
      }
      default:
        return String(v);
    }
  };
  return Array.isArray(value) ? (value as Scalar[]).map(one).join(", ") : one(value as Scalar);
}

/** The ids of records custom values point to, by kind, so their names load in one query each. */
export function customReferences(defs: FieldDefinition[], values: Record<string, unknown>[]) {
  const ids = { users: new Set<number>(), companies: new Set<number>(), contacts: new Set<number>(), deals: new Set<number>(), files: new Set<number>() };
  for (const def of defs) {
    const kind = def.type === "employee" ? "users" : def.type === "file" ? "files" : def.type === "crm" ? (({ company: "companies", contact: "contacts", deal: "deals" } as const)[def.settings.target ?? "company"]) : null;
    if (!kind) continue;
    for (const record of values) {
      const v = record[def.code];
      for (const id of Array.isArray(v) ? v : [v]) if (typeof id === "number") ids[kind].add(id);
    }
  }
  return ids;
}
