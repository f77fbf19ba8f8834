import { wallClock } from "@/lib/activities/deadline";
import { zonedTimeToDate } from "@/lib/i18n/format";
import type { Duration, Timing } from "./definitions";

/** The org's working time (Settings → Working time): weekdays 0 (Sunday) … 6, hours "HH:MM", holidays "YYYY-MM-DD". */
export type WorkingTime = { days: number[]; start: string; end: string; holidays: string[] };
export const defaultWorkingTime: WorkingTime = { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00", holidays: [] };

const MINUTE = 60_000;
const unitMs = { minutes: MINUTE, hours: 60 * MINUTE, days: 24 * 60 * MINUTE } as const;

export function durationMs({ amount, unit }: Duration): number {
  return amount * unitMs[unit];
}

function plusDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const weekdayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay();
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The first instant at or after `at` that lies within the working time, in the org's zone. */
export function nextWorkingMoment(at: Date, work: WorkingTime, timeZone: string): Date {
  if (work.days.length === 0 || minutesOf(work.end) <= minutesOf(work.start)) return at;
  const wall = wallClock(at, timeZone);
  const now = wall.hour * 60 + wall.minute;
  for (let offset = 0; offset < 400; offset++) {
    const date = plusDays(wall.date, offset);
    if (!work.days.includes(weekdayOf(date)) || work.holidays.includes(date)) continue;
    if (offset === 0 && now >= minutesOf(work.end)) continue;
    if (offset === 0 && now >= minutesOf(work.start)) return at;
    return zonedTimeToDate(`${date}T${work.start}`, timeZone) ?? at;
  }
  return at;
}

/** `at` moved to the given time of day: that day if it is still ahead, else the next day. */
export function atTimeOfDay(at: Date, hhmm: string, timeZone: string): Date {
  const wall = wallClock(at, timeZone);
  const sameDay = zonedTimeToDate(`${wall.date}T${hhmm}`, timeZone);
  if (sameDay && sameDay.getTime() >= at.getTime()) return sameDay;
  return zonedTimeToDate(`${plusDays(wall.date, 1)}T${hhmm}`, timeZone) ?? at;
}

/** A robot due the moment it is scheduled: no delay, date, time of day or working hours to wait for. */
export function isImmediate(timing: Timing): boolean {
  return !timing.workingHours && !timing.atTime && (timing.mode === "now" || (timing.mode === "after" && !timing.delay));
}

export type DueAnswer = { dueAt: Date } | { skip: "dateFieldEmpty" };

/**
 * When a robot is due, counted from `from` (the deal's entry into the stage, or the previous
 * robot's end): a delay, or before/after one of the deal's dates (at the start of that day in the
 * org's zone); then at a time of day; then within working hours. A date already passed is now.
 */
export function dueAt(timing: Timing, from: Date, dealDates: Record<string, string | null | undefined>, work: WorkingTime, timeZone: string): DueAnswer {
  let at = from;
  if (timing.mode === "after" && timing.delay) at = new Date(from.getTime() + durationMs(timing.delay));
  if (timing.mode === "dateField") {
    const value = timing.field ? dealDates[timing.field] : null;
    if (!value) return { skip: "dateFieldEmpty" };
    const base = /^\d{4}-\d{2}-\d{2}$/.test(value) ? zonedTimeToDate(`${value}T00:00`, timeZone) : new Date(value);
    if (!base || Number.isNaN(base.getTime())) return { skip: "dateFieldEmpty" };
    const shift = timing.delay ? durationMs(timing.delay) : 0;
    at = new Date(base.getTime() + (timing.direction === "before" ? -shift : shift));
    if (at < from) at = from;
  }
  if (timing.atTime) at = atTimeOfDay(at, timing.atTime, timeZone);
  if (timing.workingHours) at = nextWorkingMoment(at, work, timeZone);
  return { dueAt: at };
}
