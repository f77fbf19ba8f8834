import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/csrf";
import { retryDelayMs } from "@/lib/jobs/backoff";
import { can, type Viewer } from "@/lib/permissions";

const admin: Viewer = { id: 1, orgId: 1, name: "A", isAdmin: true, departmentId: null };
const seller: Viewer = { id: 2, orgId: 1, name: "S", isAdmin: false, departmentId: null };

describe("can (the first, simple rule)", () => {
  it("lets administrators do everything in their own org only", () => {
    expect(can(admin, "DELETE", { orgId: 1, assignedById: 9, opened: false })).toBe(true);
    expect(can(admin, "READ", { orgId: 2, assignedById: 1, opened: true })).toBe(false);
  });
  it("lets others work with their own deals and deals open to everyone", () => {
    expect(can(seller, "UPDATE", { orgId: 1, assignedById: 2, opened: false })).toBe(true);
    expect(can(seller, "UPDATE", { orgId: 1, assignedById: 3, opened: true })).toBe(true);
    expect(can(seller, "READ", { orgId: 1, assignedById: 3, opened: false })).toBe(false);
  });
  it("lets observers read but not change", () => {
    const deal = { orgId: 1, assignedById: 3, opened: false, observerIds: [2] };
    expect(can(seller, "READ", deal)).toBe(true);
    expect(can(seller, "UPDATE", deal)).toBe(false);
  });
});

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
