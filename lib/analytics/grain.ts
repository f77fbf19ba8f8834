import { addDaysIso, addMonthsIso, daysBetween, type Period } from "./period";
import type { Grain } from "./reach";
import type { GrainChoice } from "./url-state";

/** The finest grain a period may be cut by, so a chart keeps to about a hundred bars. */
const MAX_DAYS_BY_DAY = 92;
const MAX_DAYS_BY_WEEK = 732;

/**
 * The grain a report uses: the one asked for when the period is short enough for it, else the
 * next coarser; "auto" cuts a month by day, up to half a year by week, longer by month.
 */
export function resolveGrain(choice: GrainChoice, period: Period): Grain {
  const days = daysBetween(period.from, period.to);
  const finest: Grain = days <= MAX_DAYS_BY_DAY ? "day" : days <= MAX_DAYS_BY_WEEK ? "week" : "month";
  const wanted: Grain = choice !== "auto" ? choice : days <= 31 ? "day" : days <= 184 ? "week" : "month";
  const order: Grain[] = ["day", "week", "month"];
  return order[Math.max(order.indexOf(wanted), order.indexOf(finest))]!;
}

/** The first day of the day, ISO week (Monday) or calendar month holding a day. */
export function bucketStart(day: string, grain: Grain): string {
  if (grain === "day") return day;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDaysIso(day, -((weekday + 6) % 7));
}

/** The buckets covering a period in order, each clipped to the period (a week or month may start before it or end after it). */
export function buckets(period: Period, grain: Grain): { key: string; span: Period }[] {
  const result: { key: string; span: Period }[] = [];
  for (let start = bucketStart(period.from, grain); start < period.to; ) {
    const next = grain === "day" ? addDaysIso(start, 1) : grain === "week" ? addDaysIso(start, 7) : addMonthsIso(start, 1);
    result.push({ key: start, span: { from: start < period.from ? period.from : start, to: next > period.to ? period.to : next } });
    start = next;
  }
  return result;
}

/** A bucket's short name under its column: the day (03/12), the week's Monday (03/12), or the month (12/2026). */
export function bucketLabel(key: string, grain: Grain): string {
  const [year, month, day] = key.split("-");
  return grain === "month" ? `${month}/${year}` : `${day}/${month}`;
}
