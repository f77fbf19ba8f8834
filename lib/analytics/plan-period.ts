import type { PlanPeriod } from "@/db/schema/analytics";
import { addMonthsIso, type Period } from "./period";

export const periodMonths: Record<PlanPeriod, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/**
 * The first day of the plan period of this kind that holds a month ("2026-11" or "2026-11-20"):
 * November 2026 is in Q4 (October), in H2 (July), in 2026 (January). Null when it is no month.
 */
export function planStart(kind: PlanPeriod, month: string): string | null {
  const match = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(month.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const m = Number(match[2]);
  if (year < 2000 || year > 2100 || m < 1 || m > 12) return null;
  const size = periodMonths[kind];
  const first = m - ((m - 1) % size);
  return `${year}-${String(first).padStart(2, "0")}-01`;
}

/** The days a plan covers: its start, to the start of the next period. */
export function planSpan(kind: PlanPeriod, start: string): Period {
  return { from: start, to: addMonthsIso(start, periodMonths[kind]) };
}

/** "12/2026", "Q4 2026", "H2 2026", "2026": the same in both languages but for the quarter's letter. */
export function planPeriodLabel(kind: PlanPeriod, start: string, quarterLetter: string, halfLetter: string): string {
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  switch (kind) {
    case "month":
      return `${String(month).padStart(2, "0")}/${year}`;
    case "quarter":
      return `${quarterLetter}${(month + 2) / 3} ${year}`;
    case "half":
      return `${halfLetter}${month === 1 ? 1 : 2} ${year}`;
    case "year":
      return year;
  }
}

/** Do two spans share a day? */
export function overlaps(a: Period, b: Period): boolean {
  return a.from < b.to && b.from < a.to;
}
