import { describe, expect, it } from "vitest";
import { customPeriod, presetPeriod, previousPeriod, splitByMonths } from "@/lib/analytics/period";
import { analyticsQueryParams, parseAnalyticsQuery, queryPeriod } from "@/lib/analytics/url-state";
import { divideDecimal } from "@/lib/money/money";
import { parseWhom, planSchema } from "@/lib/analytics/plan-form";
import { planPeriodLabel, planSpan, planStart } from "@/lib/analytics/plan-period";

describe("report periods", () => {
  it("names this month, last month, this quarter and this year from today's date, across year ends", () => {
    expect(presetPeriod("month", "2026-12-02")).toEqual({ from: "2026-12-01", to: "2027-01-01" });
    expect(presetPeriod("lastMonth", "2026-01-31")).toEqual({ from: "2025-12-01", to: "2026-01-01" });
    expect(presetPeriod("quarter", "2026-11-15")).toEqual({ from: "2026-10-01", to: "2027-01-01" });
    expect(presetPeriod("quarter", "2026-02-28")).toEqual({ from: "2026-01-01", to: "2026-04-01" });
    expect(presetPeriod("year", "2026-06-30")).toEqual({ from: "2026-01-01", to: "2027-01-01" });
  });

  it("takes a custom span's days inclusive, swaps them when backwards, refuses impossible dates and caps ten years", () => {
    expect(customPeriod("2026-03-01", "2026-03-31")).toEqual({ from: "2026-03-01", to: "2026-04-01" });
    expect(customPeriod("2026-03-31", "2026-03-01")).toEqual({ from: "2026-03-01", to: "2026-04-01" });
    expect(customPeriod("2026-02-30", "2026-03-01")).toBeNull();
    expect(customPeriod("1900-01-01", "2026-12-31")).toEqual({ from: "2016-12-24", to: "2027-01-01" });
  });

  it("compares with the previous month, quarter or year, or as many days right before", () => {
    expect(previousPeriod({ from: "2026-01-01", to: "2026-02-01" })).toEqual({ from: "2025-12-01", to: "2026-01-01" });
    expect(previousPeriod({ from: "2026-10-01", to: "2027-01-01" })).toEqual({ from: "2026-07-01", to: "2026-10-01" });
    expect(previousPeriod({ from: "2026-01-01", to: "2027-01-01" })).toEqual({ from: "2025-01-01", to: "2026-01-01" });
    expect(previousPeriod({ from: "2026-03-10", to: "2026-03-20" })).toEqual({ from: "2026-02-28", to: "2026-03-10" });
  });

  it("cuts a span into whole months (the totals) and the days around them (the rows)", () => {
    expect(splitByMonths({ from: "2026-01-01", to: "2027-01-01" })).toEqual({ months: { from: "2026-01-01", to: "2027-01-01" }, edges: [] });
    expect(splitByMonths({ from: "2025-12-02", to: "2026-12-03" })).toEqual({
      months: { from: "2026-01-01", to: "2026-12-01" },
      edges: [
        { from: "2025-12-02", to: "2026-01-01" },
        { from: "2026-12-01", to: "2026-12-03" },
      ],
    });
    expect(splitByMonths({ from: "2026-11-02", to: "2026-11-30" })).toEqual({ months: null, edges: [{ from: "2026-11-02", to: "2026-11-30" }] });
    expect(splitByMonths({ from: "2026-11-15", to: "2026-12-15" })).toEqual({ months: null, edges: [{ from: "2026-11-15", to: "2026-12-15" }] });
  });
});

describe("the analytics address", () => {
  it("reads what it can and falls back to this month, never an error", () => {
    expect(parseAnalyticsQuery({ period: "year", compare: "1", pipeline: "3", department: "x", responsible: ["5", "nope", "6"] })).toEqual({
      preset: "year",
      from: null,
      to: null,
      compare: true,
      pipeline: 3,
      department: null,
      responsible: [5, 6],
      grain: "auto",
    });
    expect(parseAnalyticsQuery({ period: "custom", from: "2026-01-01" }).preset).toBe("month");
    expect(parseAnalyticsQuery({ period: "decade" }).preset).toBe("month");
    expect(queryPeriod(parseAnalyticsQuery({ period: "custom", from: "2026-02-30", to: "2026-03-01" }), "2026-12-02")).toEqual({ from: "2026-12-01", to: "2027-01-01" });
  });

  it("writes back exactly what it read", () => {
    const query = parseAnalyticsQuery({ period: "custom", from: "2026-01-05", to: "2026-02-10", compare: "1", department: "4", responsible: ["7"] });
    expect(parseAnalyticsQuery(analyticsQueryParams(query))).toEqual(query);
    expect(analyticsQueryParams(parseAnalyticsQuery({})).toString()).toBe("");
  });
});

describe("divideDecimal", () => {
  it("divides exact amounts to cents, rounding half away from zero", () => {
    expect(divideDecimal("1000", 3)).toBe("333.33");
    expect(divideDecimal("2", 3)).toBe("0.67");
    expect(divideDecimal("1500000000000.01", 1)).toBe("1500000000000.01");
    expect(divideDecimal("0.05", 2)).toBe("0.03");
    expect(divideDecimal("-10", 4)).toBe("-2.5");
    expect(() => divideDecimal("1", 0)).toThrow();
  });
});

describe("a plan's period and form", () => {
  it("moves the month picked to the start of its quarter, half-year or year, and refuses what is no month", () => {
    expect(planStart("month", "2026-11")).toBe("2026-11-01");
    expect(planStart("quarter", "2026-11")).toBe("2026-10-01");
    expect(planStart("half", "2026-06-15")).toBe("2026-01-01");
    expect(planStart("half", "2026-07")).toBe("2026-07-01");
    expect(planStart("year", "2026-12")).toBe("2026-01-01");
    expect(planStart("month", "2026-13")).toBeNull();
    expect(planStart("month", "November")).toBeNull();
    expect(planSpan("quarter", "2026-10-01")).toEqual({ from: "2026-10-01", to: "2027-01-01" });
    expect(planPeriodLabel("quarter", "2026-10-01", "Q", "H")).toBe("Q4 2026");
    expect(planPeriodLabel("half", "2026-07-01", "Q", "H")).toBe("H2 2026");
  });

  it("reads the form: the target as kind and id, a goal in the user's notation, and clear messages for the rest", () => {
    const t = ((key: string) => key) as never;
    const schema = planSchema({ t, locale: "vi" });
    expect(schema.parse({ whom: "employee:7", metric: "revenue", period: "quarter", month: "2026-11", goal: "150.000.000" })).toEqual({
      id: null,
      target: "employee",
      targetId: 7,
      metric: "revenue",
      period: "quarter",
      periodStart: "2026-10-01",
      goal: "150000000",
    });
    expect(schema.parse({ whom: "company", metric: "deals", period: "year", month: "2026-03", goal: "12" })).toMatchObject({ target: "company", targetId: null, periodStart: "2026-01-01", goal: "12" });
    const refused = schema.safeParse({ whom: "employee:abc", metric: "deals", period: "month", month: "", goal: "1,5" });
    expect(refused.success).toBe(false);
    const messages = Object.fromEntries(refused.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({ whom: "analytics.plans.pickTarget", month: "analytics.plans.badMonth", goal: "analytics.plans.badCount" });
    expect(parseWhom("pipeline:0")).toBeNull();
    expect(parseWhom("team:3")).toBeNull();
  });
});
