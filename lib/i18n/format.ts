import type { Locale } from "./translate";

const intlLocale: Record<Locale, string> = { en: "en-US", vi: "vi-VN" };

/** Formats an exact decimal string as money; Intl formats the string without going through a float. */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  const format = new Intl.NumberFormat(intlLocale[locale], { style: "currency", currency });
  return format.format(amount as Intl.StringNumericLiteral);
}

/** Money, or the word "hidden" where the viewer's role hides amounts (the query returned null). */
export function formatMaybeMoney(amount: string | null, currency: string, locale: Locale, hiddenLabel: string): string {
  return amount === null ? hiddenLabel : formatMoney(amount, currency, locale);
}

/** A calendar date (YYYY-MM-DD), which has no time zone of its own. */
export function formatDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(value: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeStyle: "short", timeZone }).format(value);
}

/** Today's date (YYYY-MM-DD) in a time zone: the org's, not the server's. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The example number shown in "enter a number" messages, in the locale's own separators. */
export function numberExample(locale: Locale): string {
  return new Intl.NumberFormat(intlLocale[locale], { minimumFractionDigits: 2 }).format(1500000.5);
}

export function decimalSeparator(locale: Locale): string {
  return locale === "vi" ? "," : ".";
}
