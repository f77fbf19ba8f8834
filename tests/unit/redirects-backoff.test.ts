import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/csrf";
import { retryDelayMs } from "@/lib/jobs/backoff";

describe("safeCallbackUrl", () => {
  it("keeps paths on this site and drops any other host", () => {
    expect(safeCallbackUrl("/deals/5?x=1")).toBe("/deals/5?x=1");
    expect(safeCallbackUrl("http://localhost:3000/deals/5")).toBe("/deals/5");
    expect(safeCallbackUrl("https://evil.example/steal")).toBe("/steal");
    expect(safeCallbackUrl("//evil.example/x")).toBe("/x");
    expect(safeCallbackUrl(undefined)).toBe("/deals");
    expect(safeCallbackUrl("javascript:alert(1)")).toBe("/deals");
  });
});

describe("retryDelayMs", () => {
  it("doubles from 10 seconds and stops at an hour", () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([10_000, 20_000, 40_000]);
    expect(retryDelayMs(30)).toBe(3_600_000);
  });
});
