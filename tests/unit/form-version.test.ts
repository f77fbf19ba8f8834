import { describe, expect, it } from "vitest";
import { formVersion } from "@/lib/actions/form-version";

describe("formVersion", () => {
  it("is the same for the same values and differs when one changes", () => {
    const product = { id: 7, name: "Lắp đặt", price: "1500000.00", currency: "VND", active: true };
    expect(formVersion(product)).toBe(formVersion({ ...product }));
    expect(formVersion(product)).not.toBe(formVersion({ ...product, price: "1500001.00" }));
    expect(formVersion(product)).not.toBe(formVersion({ ...product, active: false }));
    expect(formVersion(product)).toMatch(/^[0-9a-z]{1,11}$/);
  });

  it("reads maps and sets by their entries, so a role's rules (a Map) have a version", () => {
    const rules = new Map([[1, { levels: { READ: "own" } }]]);
    expect(formVersion(rules)).toBe(formVersion(new Map([[1, { levels: { READ: "own" } }]])));
    expect(formVersion(rules)).not.toBe(formVersion(new Map([[1, { levels: { READ: "all" } }]])));
    expect(formVersion(new Set([1, 2]))).not.toBe(formVersion(new Set([1, 3])));
    expect(formVersion(new Map())).not.toBe(formVersion(new Map([[1, {}]])));
  });

  it("takes values JSON cannot hold without failing", () => {
    expect(formVersion(undefined)).toBe(formVersion(undefined));
    expect(formVersion(new Date("2025-01-01T00:00:00Z"))).not.toBe(formVersion(new Date("2025-01-02T00:00:00Z")));
  });
});
