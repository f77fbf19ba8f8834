import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { productRowSchema } from "@/lib/products/row-form";
import { dealTotals, rowTotals, type ProductRowInput } from "@/lib/products/totals";
import { translator } from "@/lib/i18n/translate";
import { addDecimals } from "@/lib/money/money";

const row = (r: Partial<ProductRowInput>): ProductRowInput => ({ price: "0", quantity: "1", discountType: "percent", discountValue: "0", taxRate: null, taxIncluded: false, ...r });

describe("product row totals", () => {
  it("VND: 10% off, 10% VAT added, rounded to whole đồng", () => {
    // 3 × (1,234,567 − 10%) = 3,333,330.9 → 3,333,331; VAT 333,333.1 → 333,333
    const t = rowTotals(row({ price: "1234567", quantity: "3", discountValue: "10", taxRate: "10" }), "VND");
    expect([t.net, t.tax, t.gross]).toEqual(["3333331", "333333", "3666664"]);
  });

  it("USD: 5 off each unit, 8% tax included in the price, rounded to cents", () => {
    // 2.5 × (19.99 − 5) = 37.475 → 37.48 gross; net = 37.48 / 1.08 = 34.7037… → 34.70; tax 2.78
    const t = rowTotals(row({ price: "19.99", quantity: "2.5", discountType: "absolute", discountValue: "5", taxRate: "8", taxIncluded: true }), "USD");
    expect([t.net, t.tax, t.gross]).toEqual(["34.70", "2.78", "37.48"]);
  });

  it("a deal's totals are the sums of its rows", () => {
    const rows = [row({ price: "100000", quantity: "2", taxRate: "10" }), row({ price: "50000", quantity: "1", discountValue: "100" }), row({ price: "99999", quantity: "1.5", taxRate: "8", taxIncluded: true })];
    expect(dealTotals(rows, "VND")).toEqual({ net: "338888", tax: "31111", gross: "369999", discount: "50000" });
  });

  it("never drifts: net + tax = gross for every row and for the deal, in whole minor units", () => {
    const arbRow = fc.record({
      price: fc.integer({ min: 0, max: 10_000_000_00 }).map((c) => (c / 100).toFixed(2)),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => (q / 100).toString()),
      discountType: fc.constantFrom("percent" as const, "absolute" as const),
      discountValue: fc.integer({ min: 0, max: 100 }).map(String),
      taxRate: fc.option(fc.constantFrom("0", "5", "8", "10", "12.5"), { nil: null }),
      taxIncluded: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { minLength: 1, maxLength: 20 }), fc.constantFrom("VND" as const, "USD" as const), (rows, currency) => {
        const valid = rows.map((r) => (r.discountType === "absolute" && Number(r.discountValue) > Number(r.price) ? { ...r, discountValue: "0" } : r));
        let [net, tax, gross] = ["0", "0", "0"];
        for (const r of valid) {
          const t = rowTotals(r, currency);
          expect(addDecimals(t.net, t.tax)).toBe(addDecimals(t.gross, "0"));
          const digits = currency === "VND" ? 0 : 2;
          for (const v of [t.net, t.tax, t.gross]) expect((v.split(".")[1] ?? "").length).toBe(digits);
          expect(Number(t.net)).toBeGreaterThanOrEqual(0);
          [net, tax, gross] = [addDecimals(net, t.net), addDecimals(tax, t.tax), addDecimals(gross, t.gross)];
        }
        const totals = dealTotals(valid, currency);
        expect([addDecimals(totals.net, "0"), addDecimals(totals.tax, "0"), addDecimals(totals.gross, "0")]).toEqual([net, tax, gross]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the product row schema", () => {
  const schema = productRowSchema({ t: translator("en"), locale: "en" });
  const base = { name: "Camera", price: "2,150,000", quantity: "2", discountValue: "0", discountType: "percent" };
  const message = (raw: Record<string, string>) => {
    const r = schema.safeParse({ ...base, ...raw });
    return r.success ? null : r.error.issues.map((i) => i.message).join(" ");
  };
  it("reads a row in the user's format and refuses what cannot be", () => {
    expect(schema.parse(base)).toMatchObject({ name: "Camera", price: "2150000", quantity: "2" });
    expect(message({ quantity: "-1" })).toBe("Enter a quantity above zero (up to 4 decimals).");
    expect(message({ quantity: "0" })).toBe("Enter a quantity above zero (up to 4 decimals).");
    expect(message({ discountValue: "150" })).toBe("A discount cannot be over 100%.");
    expect(message({ discountType: "absolute", discountValue: "3000000" })).toBe("A discount cannot be more than the price.");
    expect(message({ taxRate: "101" })).toBe("Enter a tax rate from 0 to 100.");
    expect(message({ price: "abc" })).toBe("Enter a price, e.g. 1,500,000 (up to 4 decimals).");
    expect(message({ name: "", productId: "" })).toBe("Required.");
  });
});
