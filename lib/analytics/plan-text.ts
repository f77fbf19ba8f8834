import type { PlanMetric } from "@/db/schema/analytics";
import { formatCount, formatMaybeMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/translate";

/** A plan's goal or result: money in the base currency, or a number of deals; `hidden` where amounts are hidden (null). */
export function planAmountText(metric: PlanMetric, value: string | null, currency: string, locale: Locale, hidden = "—"): string {
  if (metric === "deals") return value === null ? hidden : formatCount(Number(value), locale);
  return formatMaybeMoney(value, currency, locale, hidden);
}
