import type { Locale } from "./translate";
import { dateTimeFormat, numberFormat } from "@/lib/i18n/intl-cache";

const intlLocale: Record<Locale, string> = { en: "en-US", vi: "vi-VN" };

/** Formats an exact decimal string as money; Intl formats the string without going through a float. */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  const format = numberFormat(intlLocale[locale], { style: "currency", currency });
  return format.format(amount as Intl.StringNumericLiteral);
}

/** Money, or the word "hidden" where the viewer's role hides amounts (the query returned null). */
export function formatMaybeMoney(amount: string | null, currency: string, locale: Locale, hiddenLabel: string): string {
  return amount === null ? hiddenLabel : formatMoney(amount, currency, locale);
}

/** A wait in words: "42 seconds" under two minutes, else whole minutes rounded up ("12 minutes"). */
export function formatWait(seconds: number, locale: Locale): string {
  const [value, unit] = seconds < 120 ? [Math.max(1, Math.ceil(seconds)), "second"] : [Math.ceil(seconds / 60), "minute"];
  return numberFormat(intlLocale[locale], { style: "unit", unit, unitDisplay: "long" }).format(value);
}

/** A calendar date (YYYY-MM-DD), which has no time zone of its own. */
export function formatDate(isoDate: string, locale: Locale): string {
  return dateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(value: Date, locale: Locale, timeZone: string): string {
  return dateTimeFormat(intlLocale[locale], { dateStyle: "medium", timeStyle: "short", timeZone }).format(value);
}

/** Today's date (YYYY-MM-DD) in a time zone: the org's, not the server's. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The example number shown in "enter a number" messages, in the locale's own separators. */
export function numberExample(locale: Locale): string {
  return numberFormat(intlLocale[locale], { minimumFractionDigits: 2 }).format(1500000.5);
}

export function decimalSeparator(locale: Locale): string {
  return locale === "vi" ? "," : ".";
}

/** A wall-clock time typed in a time zone ("2026-11-27T09:30" in Asia/Ho_Chi_Minh) as the instant it names. */
export function zonedTimeToDate(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== d) return null;
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      dateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - instant;
  };
  // Two passes settle the offset even next to a daylight-saving change.
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

/** A percentage already in percent (40 → "40%", 66.7 → "66,7 %" in Vietnamese); a dash for none. */
export function formatPercent(value: number | null, locale: Locale, { signed = false }: { signed?: boolean } = {}): string {
  if (value === null) return "—";
  return numberFormat(intlLocale[locale], { style: "percent", maximumFractionDigits: 1, signDisplay: signed ? "exceptZero" : "auto" }).format(value / 100);
}

export function formatCount(value: number, locale: Locale): string {
  return numberFormat(intlLocale[locale], {}).format(value);
}

/** A number of days to one decimal ("2.5", "2,5" in Vietnamese); a dash for none. */
export function formatDays(value: number | null, locale: Locale): string {
  return value === null ? "—" : numberFormat(intlLocale[locale], { maximumFractionDigits: 1 }).format(value);
}

/** A quantity to four decimals at most ("1.5", "1,5" in Vietnamese). */
export function formatQuantity(value: string, locale: Locale): string {
  return numberFormat(intlLocale[locale], { maximumFractionDigits: 4 }).format(value as Intl.StringNumericLiteral);
}
