import { zonedTimeToDate } from "@/lib/i18n/format";
import { dateTimeFormat } from "@/lib/i18n/intl-cache";

/** Wall-clock parts of an instant in a time zone. */
export function wallClock(instant: Date, timeZone: string): { date: string; hour: number; minute: number; second: number; weekday: number } {
  const parts = Object.fromEntries(
    dateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), weekday };
}

function plusDays(isoDate: string, days: number): { date: string; weekday: number } {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The default deadline of a new activity: three working days (Monday to Friday) after `now`, at the
 * same wall-clock time in the org's zone, rounded up to the next full hour. Counting in wall-clock
 * days keeps "9:20 on Friday" at "10:00 on Wednesday" across a daylight-saving change.
 */
export function defaultDeadline(now: Date, timeZone: string, workingDays = 3): Date {
  const wall = wallClock(now, timeZone);
  let day = { date: wall.date, weekday: wall.weekday };
  let hour = wall.hour + (wall.minute > 0 || wall.second > 0 ? 1 : 0);
  if (hour === 24) {
    day = plusDays(day.date, 1);
    hour = 0;
  }
  for (let added = 0; added < workingDays; ) {
    day = plusDays(day.date, 1);
    if (day.weekday !== 0 && day.weekday !== 6) added++;
  }
  return zonedTimeToDate(`${day.date}T${pad(hour)}:00`, timeZone)!;
}

/** "2026-11-27T09:30" for a datetime-local input, in the org's zone. */
export function toLocalInput(instant: Date, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return `${wall.date}T${pad(wall.hour)}:${pad(wall.minute)}`;
}
