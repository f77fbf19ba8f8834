import { describe, expect, it } from "vitest";
import { bucketLabel, bucketStart, buckets, resolveGrain } from "@/lib/analytics/grain";
import { parseAnalyticsQuery, analyticsQueryParams } from "@/lib/analytics/url-state";

describe("the grain of figures over time", () => {
  it("picks day for a month, week up to half a year, month beyond, and never a grain too fine for the period", () => {
    expect(resolveGrain("auto", { from: "2026-11-01", to: "2026-12-01" })).toBe("day");
    expect(resolveGrain("auto", { from: "2026-10-01", to: "2027-01-01" })).toBe("week");
    expect(resolveGrain("auto", { from: "2026-01-01", to: "2027-01-01" })).toBe("month");
    expect(resolveGrain("month", { from: "2026-11-01", to: "2026-12-01" })).toBe("month");
    // A year by day would be 365 bars: it falls back to weeks; ten years by week to months.
    expect(resolveGrain("day", { from: "2026-01-01", to: "2027-01-01" })).toBe("week");
    expect(resolveGrain("week", { from: "2017-01-01", to: "2027-01-01" })).toBe("month");
  });

  it("cuts a period into ISO weeks from Monday and calendar months, clipped to the period", () => {
    expect(bucketStart("2026-11-01", "week")).toBe("2026-10-26"); // a Sunday
    expect(bucketStart("2026-11-02", "week")).toBe("2026-11-02"); // a Monday
    expect(buckets({ from: "2026-11-01", to: "2026-11-10" }, "week")).toEqual([
      { key: "2026-10-26", span: { from: "2026-11-01", to: "2026-11-02" } },
      { key: "2026-11-02", span: { from: "2026-11-02", to: "2026-11-09" } },
      { key: "2026-11-09", span: { from: "2026-11-09", to: "2026-11-10" } },
    ]);
    expect(buckets({ from: "2026-11-15", to: "2027-01-10" }, "month").map((b) => [b.key, b.span])).toEqual([
      ["2026-11-01", { from: "2026-11-15", to: "2026-12-01" }],
      ["2026-12-01", { from: "2026-12-01", to: "2027-01-01" }],
      ["2027-01-01", { from: "2027-01-01", to: "2027-01-10" }],
    ]);
    expect(buckets({ from: "2026-02-27", to: "2026-03-02" }, "day").map((b) => b.key)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect([bucketLabel("2026-11-09", "day"), bucketLabel("2026-11-01", "month")]).toEqual(["09/11", "11/2026"]);
  });

  it("keeps the grain in the URL, dropping an unknown one", () => {
    expect(parseAnalyticsQuery({ grain: "week" }).grain).toBe("week");
    expect(parseAnalyticsQuery({ grain: "hour" }).grain).toBe("auto");
    expect(analyticsQueryParams(parseAnalyticsQuery({ grain: "month" })).get("grain")).toBe("month");
    expect(analyticsQueryParams(parseAnalyticsQuery({})).has("grain")).toBe(false);
  });
});
