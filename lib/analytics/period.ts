import { isCalendarDate } from "@/lib/deals/list/url-state";

/** A span of calendar days in the org's time zone: `from` included, `to` excluded (ISO dates). */
export type Period = { from: string; to: string };
export const periodPresets = ["month", "lastMonth", "quarter", "year", "custom"] as const;
export type PeriodPreset = (typeof periodPresets)[number];

const MAX_DAYS = 3660;

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}
function iso(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}
export function addDaysIso(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(y, m, d + days);
}
export function addMonthsIso(date: string, months: number): string {
  const [y, m, d] = parts(date);
  return iso(y, m + months, d);
}
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

/** The period a preset names on a given day (today in the org's zone). */
export function presetPeriod(preset: Exclude<PeriodPreset, "custom">, today: string): Period {
  const [y, m] = parts(today);
  switch (preset) {
    case "month":
      return { from: iso(y, m, 1), to: iso(y, m + 1, 1) };
    case "lastMonth":
      return { from: iso(y, m - 1, 1), to: iso(y, m, 1) };
    case "quarter": {
      const first = m - ((m - 1) % 3);
      return { from: iso(y, first, 1), to: iso(y, first + 3, 1) };
    }
    case "year":
      return { from: iso(y, 1, 1), to: iso(y + 1, 1, 1) };
  }
}

/**
 * A custom span from two inclusive days; swapped when given backwards, and capped at ten years.
 * Null when either day is not a real date.
 */
export function customPeriod(fromDay: string, toDay: string): Period | null {
  if (!isCalendarDate(fromDay) || !isCalendarDate(toDay)) return null;
  const [a, b] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
  const to = addDaysIso(b, 1);
  return daysBetween(a, to) > MAX_DAYS ? { from: addDaysIso(to, -MAX_DAYS), to } : { from: a, to };
}

/**
 * The period just before, to compare with: the previous month, quarter or year for a whole one,
 * else as many days right before.
 */
export function previousPeriod(period: Period): Period {
  const wholeMonths = period.from === monthStart(period.from) && period.to === monthStart(period.to);
  if (wholeMonths) {
    const months = (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 + Number(period.to.slice(5, 7)) - Number(period.from.slice(5, 7));
    return { from: addMonthsIso(period.from, -months), to: period.from };
  }
  return { from: addDaysIso(period.from, -daysBetween(period.from, period.to)), to: period.from };
}

/**
 * The period cut where the monthly totals can answer: whole months in the middle, and the days
 * before the first and after the last whole month (read from the reach rows themselves).
 */
export function splitByMonths(period: Period): { months: Period | null; edges: Period[] } {
  const first = period.from === monthStart(period.from) ? period.from : addMonthsIso(monthStart(period.from), 1);
  const last = monthStart(period.to);
  if (first >= last) return { months: null, edges: [period] };
  const edges: Period[] = [];
  if (period.from < first) edges.push({ from: period.from, to: first });
  if (last < period.to) edges.push({ from: last, to: period.to });
  return { months: { from: first, to: last }, edges };
}

/** The last day a period includes, for showing it. */
export function lastDay(period: Period): string {
  return addDaysIso(period.to, -1);
}
