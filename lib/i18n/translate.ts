import { en, type Messages } from "./messages/en";
import { vi } from "./messages/vi";

export const locales = ["en", "vi"] as const;
export type Locale = (typeof locales)[number];
export const localeNames: Record<Locale, string> = { en: "English", vi: "Tiếng Việt" };
export const catalogues: Record<Locale, Messages> = { en, vi };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

type Join<K, P> = K extends string ? (P extends string ? `${K}.${P}` : never) : never;
type Paths<T> = { [K in keyof T]: T[K] extends string ? K : Join<K, Paths<T[K]>> }[keyof T];
/** Every dotted key of the catalogue, e.g. "deals.fields.title". */
export type MessageKey = Paths<Messages>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const pluralRulesOf = (locale: Locale) => pluralRules.get(locale) ?? pluralRules.set(locale, new Intl.PluralRules(locale)).get(locale)!;

/** Where the brace opened at `open` closes (braces nest), or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/**
 * ICU's plural form, the part of it the catalogues use: `{count, plural, one {# deal} other {# deals}}`
 * picks a branch by `Intl.PluralRules` for the locale (`=0` matches exactly; Vietnamese has only
 * `other`), and `#` is the value as given (a formatted "1,234" counts as 1234).
 */
function plurals(template: string, vars: Record<string, string | number>, locale: Locale): string {
  const start = /\{(\w+), plural,/g;
  let out = "";
  let from = 0;
  for (let match = start.exec(template); match; match = start.exec(template)) {
    const end = closing(template, match.index);
    if (end < 0) break;
    const name = match[1]!;
    const raw = vars[name];
    if (raw === undefined) continue;
    const value = typeof raw === "number" ? raw : Number(String(raw).replace(/[^\d.-]/g, ""));
    const branches = new Map<string, string>();
    const body = template.slice(match.index + match[0].length, end);
    const branch = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/g;
    for (let b = branch.exec(body); b; b = branch.exec(body)) {
      const open = b.index + b[0].length - 1;
      const close = closing(body, open);
      if (close < 0) break;
      branches.set(b[1]!, body.slice(open + 1, close));
      branch.lastIndex = close + 1;
    }
    const chosen = branches.get(`=${value}`) ?? branches.get(pluralRulesOf(locale).select(value)) ?? branches.get("other") ?? "";
    out += template.slice(from, match.index) + chosen.replaceAll("#", String(raw));
    from = end + 1;
    start.lastIndex = end + 1;
  }
  return out + template.slice(from);
}

export function interpolate(template: string, vars?: Record<string, string | number>, locale: Locale = "en"): string {
  if (!vars) return template;
  const chosen = template.includes(", plural,") ? plurals(template, vars, locale) : template;
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, vars) => interpolate(lookup(messages, key) ?? lookup(en, key) ?? key, vars, locale);
}

/** Picks the locale from the cookie, else from the browser's Accept-Language, else English. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if (isLocale(tag)) return tag;
  }
  return "en";
}
