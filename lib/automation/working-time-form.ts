import { z } from "zod";
import { isCalendarDate } from "@/lib/deals/list/url-state";
import type { Translate } from "@/lib/i18n/translate";
import type { WorkingTime } from "./timing";

/** Settings → Working time: weekdays as checkboxes (0 = Sunday … 6), hours as HH:MM, holidays one date a line. */
export const weekdayKeys = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export const MAX_HOLIDAYS = 366;

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The form's schema for the action wrapper: the working time, or errors by field in the user's words. */
export function workingTimeFormSchema({ t }: { t: Translate }) {
  return z
    .object({
      "days[]": z.array(z.string()).max(7).default([]),
      start: z.string().trim().regex(hhmm, t("automation.errors.badTime")),
      end: z.string().trim().regex(hhmm, t("automation.errors.badTime")),
      holidays: z.string().max(20_000).default(""),
    })
    .transform((form, context): WorkingTime => {
      const days = [...new Set(form["days[]"].map(Number).filter((d) => Number.isInteger(d) && d >= 0 && d <= 6))].sort();
      if (form.end <= form.start) context.addIssue({ code: "custom", path: ["end"], message: t("automation.errors.badRange") });
      const lines = form.holidays
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const bad = lines.find((line) => !isCalendarDate(line));
      if (bad) context.addIssue({ code: "custom", path: ["holidays"], message: t("automation.errors.badHoliday", { line: bad.slice(0, 40) }) });
      const holidays = [...new Set(lines)].sort();
      if (holidays.length > MAX_HOLIDAYS) context.addIssue({ code: "custom", path: ["holidays"], message: t("automation.errors.tooManyHolidays", { max: MAX_HOLIDAYS }) });
      return { days, start: form.start, end: form.end, holidays };
    });
}
