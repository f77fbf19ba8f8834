import { describe, expect, it } from "vitest";
import { evaluateCondition } from "@/lib/automation/conditions";
import { timingSchema } from "@/lib/automation/definitions";
import { dueAt, nextWorkingMoment, type WorkingTime } from "@/lib/automation/timing";

const TZ = "Asia/Ho_Chi_Minh"; // UTC+7, no daylight saving
const local = (text: string) => new Date(`${text}+07:00`);
const work: WorkingTime = { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00", holidays: ["2026-12-07"] };
const timing = (value: unknown) => timingSchema.parse(value);

describe("when a robot is due", () => {
  it("now, or after a delay", () => {
    const from = local("2026-12-02T10:15:00");
    expect(dueAt(timing({}), from, {}, work, TZ)).toEqual({ dueAt: from });
    expect(dueAt(timing({ mode: "after", delay: { amount: 90, unit: "minutes" } }), from, {}, work, TZ)).toEqual({ dueAt: local("2026-12-02T11:45:00") });
    expect(dueAt(timing({ mode: "after", delay: { amount: 2, unit: "days" } }), from, {}, work, TZ)).toEqual({ dueAt: local("2026-12-04T10:15:00") });
  });

  it("within working hours: Friday evening waits over the weekend and Monday's holiday to Tuesday 9:00", () => {
    const fridayEvening = local("2026-12-04T19:30:00");
    expect(nextWorkingMoment(fridayEvening, work, TZ)).toEqual(local("2026-12-08T09:00:00"));
    expect(dueAt(timing({ workingHours: true }), fridayEvening, {}, work, TZ)).toEqual({ dueAt: local("2026-12-08T09:00:00") });
    // Early on a working day: at the start; inside the hours: as is.
    expect(nextWorkingMoment(local("2026-12-02T07:00:00"), work, TZ)).toEqual(local("2026-12-02T09:00:00"));
    expect(nextWorkingMoment(local("2026-12-02T12:00:00"), work, TZ)).toEqual(local("2026-12-02T12:00:00"));
  });

  it("before or after a date field, at a time of day; an empty date is skipped; a date already passed is now", () => {
    const from = local("2026-12-02T10:00:00");
    const twoDaysBefore = timing({ mode: "dateField", field: "closeDate", direction: "before", delay: { amount: 2, unit: "days" }, atTime: "08:30" });
    expect(dueAt(twoDaysBefore, from, { closeDate: "2026-12-10" }, work, TZ)).toEqual({ dueAt: local("2026-12-08T08:30:00") });
    expect(dueAt(twoDaysBefore, from, { closeDate: null }, work, TZ)).toEqual({ skip: "dateFieldEmpty" });
    const passed = timing({ mode: "dateField", field: "closeDate", direction: "after", delay: { amount: 0, unit: "days" } });
    expect(dueAt(passed, from, { closeDate: "2026-11-01" }, work, TZ)).toEqual({ dueAt: from });
  });

  it("at a time of day: today if still ahead, else tomorrow", () => {
    expect(dueAt(timing({ atTime: "17:00" }), local("2026-12-02T10:00:00"), {}, work, TZ)).toEqual({ dueAt: local("2026-12-02T17:00:00") });
    expect(dueAt(timing({ atTime: "08:00" }), local("2026-12-02T10:00:00"), {}, work, TZ)).toEqual({ dueAt: local("2026-12-03T08:00:00") });
  });
});

describe("conditions", () => {
  const deal = { amount: "15000000.00", title: "Hợp đồng Sao Mai", sourceId: "WEB", contactIds: [3, 4], "uf.UF_CRM_TIER": "VIP", closeDate: "2026-12-10", comments: null };
  it("compare amounts as exact decimals, text without case or diacritics, lists by any item", () => {
    expect(evaluateCondition({ op: "and", items: [{ field: "amount", cmp: "gt", value: "14999999.99" }] }, deal).passed).toBe(true);
    expect(evaluateCondition({ op: "and", items: [{ field: "amount", cmp: "gt", value: "15000000" }] }, deal).passed).toBe(false);
    expect(evaluateCondition({ op: "and", items: [{ field: "amount", cmp: "eq", value: "99999999999999999.99" }] }, { amount: "99999999999999999.98" }).passed).toBe(false);
    expect(evaluateCondition({ op: "and", items: [{ field: "title", cmp: "contains", value: "hop dong" }] }, deal).passed).toBe(true);
    expect(evaluateCondition({ op: "and", items: [{ field: "contactIds", cmp: "eq", value: "4" }] }, deal).passed).toBe(true);
    expect(evaluateCondition({ op: "and", items: [{ field: "closeDate", cmp: "lt", value: "2026-12-31" }] }, deal).passed).toBe(true);
    expect(evaluateCondition({ op: "and", items: [{ field: "comments", cmp: "empty" }] }, deal).passed).toBe(true);
  });

  it("combine AND/OR groups and name the comparison that failed", () => {
    const either = { op: "or" as const, items: [{ field: "sourceId", cmp: "eq" as const, value: "CALL" }, { op: "and" as const, items: [{ field: "uf.UF_CRM_TIER", cmp: "eq" as const, value: "vip" }, { field: "amount", cmp: "gte" as const, value: "1" }] }] };
    expect(evaluateCondition(either, deal)).toEqual({ passed: true });
    const both = { op: "and" as const, items: [{ field: "sourceId", cmp: "eq" as const, value: "WEB" }, { field: "uf.UF_CRM_GONE", cmp: "notEmpty" as const }] };
    expect(evaluateCondition(both, deal)).toEqual({ passed: false, failed: { field: "uf.UF_CRM_GONE", cmp: "notEmpty" } });
  });
});
