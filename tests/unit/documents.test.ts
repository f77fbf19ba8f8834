import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { amountInWords } from "@/lib/documents/amount-in-words";
import { checkTaxCode } from "@/lib/documents/tax-code";
import { formatNumber, periodKey, templateProblem } from "@/lib/documents/numbering";
import { documentTotals } from "@/lib/documents/totals";
import { addDecimals } from "@/lib/money/money";
import type { ProductRowInput } from "@/lib/products/totals";

describe("amount in words, Vietnamese", () => {
  const vi = (amount: string) => amountInWords(amount, "VND", "vi");
  it.each([
    ["0", "Không đồng"],
    ["1500000", "Một triệu năm trăm nghìn đồng"],
    ["105", "Một trăm lẻ năm đồng"],
    ["15", "Mười lăm đồng"],
    ["21", "Hai mươi mốt đồng"],
    ["11", "Mười một đồng"],
    ["25", "Hai mươi lăm đồng"],
    ["1005000", "Một triệu không trăm lẻ năm nghìn đồng"],
    ["1000005", "Một triệu không trăm lẻ năm đồng"],
    ["2000000000", "Hai tỷ đồng"],
    ["1250000000", "Một tỷ hai trăm năm mươi triệu đồng"],
    ["1000000000000", "Một nghìn tỷ đồng"],
    ["3666664", "Ba triệu sáu trăm sáu mươi sáu nghìn sáu trăm sáu mươi bốn đồng"],
    ["710", "Bảy trăm mười đồng"],
  ])("%s → %s", (amount, words) => expect(vi(amount)).toBe(words));

  it("dollars with cents", () => expect(amountInWords("1021.05", "USD", "vi")).toBe("Một nghìn không trăm hai mươi mốt đô la Mỹ năm xu"));
});

describe("amount in words, English", () => {
  it.each([
    ["0", "VND", "Zero dong"],
    ["1500000", "VND", "One million five hundred thousand dong"],
    ["1", "USD", "One US dollar"],
    ["1021.05", "USD", "One thousand twenty-one US dollars and five cents"],
    ["2000000000", "EUR", "Two billion euros"],
  ] as const)("%s %s", (amount, currency, words) => expect(amountInWords(amount, currency, "en")).toBe(words));
});

describe("tax code (MST)", () => {
  it("accepts real codes, branch codes and a 12-digit citizen id", () => {
    expect(checkTaxCode("0100109106")).toEqual({ ok: true, value: "0100109106" });
    expect(checkTaxCode("0300588569-001").ok).toBe(true);
    expect(checkTaxCode("001203012345").ok).toBe(true);
  });
  it("refuses a wrong check digit and a wrong shape", () => {
    expect(checkTaxCode("0100109107")).toEqual({ ok: false, reason: "checksum" });
    expect(checkTaxCode("01001091")).toEqual({ ok: false, reason: "format" });
    expect(checkTaxCode("0100109106-1")).toEqual({ ok: false, reason: "format" });
  });
});

describe("numbering", () => {
  const at = new Date("2026-12-31T18:00:00Z"); // already 1 January 2027 in Ho Chi Minh City
  it("formats in the org's time zone with padding", () => {
    expect(formatNumber({ template: "HD-{YYYY}-{N}", padding: 4 }, 1, at, "Asia/Ho_Chi_Minh")).toBe("HD-2027-0001");
    expect(formatNumber({ template: "Q{YY}{MM}/", padding: 3 }, 42, at, "UTC")).toBe("Q2612/042");
  });
  it("names the counter's period by the reset", () => {
    expect(periodKey("yearly", at, "Asia/Ho_Chi_Minh")).toBe("2027");
    expect(periodKey("monthly", at, "UTC")).toBe("2026-12");
    expect(periodKey("never", at, "UTC")).toBe("");
  });
  it("refuses a template that would repeat numbers or has unknown parts", () => {
    expect(templateProblem({ template: "HD-{N}", start: 1, step: 1, padding: 4, reset: "yearly" })).toBe("resetNeedsPart");
    expect(templateProblem({ template: "HD-{YYYY}-{N}", start: 1, step: 1, padding: 4, reset: "monthly" })).toBe("resetNeedsPart");
    expect(templateProblem({ template: "HD-{DD}-{N}", start: 1, step: 1, padding: 4, reset: "never" })).toBe("unknownPart");
    expect(templateProblem({ template: "HD-{YYYY}-{N}", start: 1, step: 1, padding: 4, reset: "yearly" })).toBeNull();
  });
});

describe("document totals per tax rate", () => {
  const row = (r: Partial<ProductRowInput>): ProductRowInput => ({ price: "0", quantity: "1", discountType: "percent", discountValue: "0", taxRate: null, taxIncluded: false, ...r });
  it("groups rows by rate, no tax first", () => {
    const t = documentTotals([row({ price: "100000", taxRate: "10" }), row({ price: "50000" }), row({ price: "200000", taxRate: "8.00" }), row({ price: "1000", taxRate: "10.00" })], "VND");
    expect(t.byRate).toEqual([
      { taxRate: null, net: "50000", tax: "0", gross: "50000" },
      { taxRate: "8", net: "200000", tax: "16000", gross: "216000" },
      { taxRate: "10", net: "101000", tax: "10100", gross: "111100" },
    ]);
    expect([t.net, t.tax, t.gross]).toEqual(["351000", "26100", "377100"]);
  });

  it("never drifts: per rate net + tax = gross, and the rates sum to the total", () => {
    const arbRow = fc.record({
      price: fc.integer({ min: 0, max: 1_000_000_000 }).map((c) => (c / 100).toFixed(2)),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => (q / 100).toString()),
      discountType: fc.constant("percent" as const),
      discountValue: fc.integer({ min: 0, max: 100 }).map(String),
      taxRate: fc.option(fc.constantFrom("0", "5", "8", "10"), { nil: null }),
      taxIncluded: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 30 }), fc.constantFrom("VND" as const, "USD" as const), (rows, currency) => {
        const t = documentTotals(rows, currency);
        for (const r of t.byRate) expect(addDecimals(r.net, r.tax)).toBe(addDecimals(r.gross, "0"));
        const sum = (k: "net" | "tax" | "gross") => t.byRate.reduce((acc, r) => addDecimals(acc, r[k]), "0");
        expect([sum("net"), sum("tax"), sum("gross")]).toEqual([addDecimals(t.net, "0"), addDecimals(t.tax, "0"), addDecimals(t.gross, "0")]);
      }),
    );
  });
});

describe("the documents list's address", () => {
  it("keeps a status of the kind (added ones too), 'late', a search and 'mine'; drops anything else", async () => {
    const { parseDocumentListQuery } = await import("@/lib/documents/list-params");
    const custom = [{ id: 7, kind: "quote" as const, name: "Đàm phán", semantics: "P" as const, sort: 100, color: "#000000" }];
    const read = (kind: "quote" | "invoice", params: Record<string, string>) => parseDocumentListQuery(kind, (k) => params[k], custom);
    expect(read("quote", { status: "c7", q: "  sao mai ", mine: "1", after: "12" })).toEqual({ kind: "quote", status: "c7", q: "sao mai", mine: true, after: 12 });
    expect(read("invoice", { status: "c7" }).status).toBeUndefined();
    expect(read("invoice", { status: "paid" }).status).toBe("paid");
    expect(read("quote", { status: "paid" }).status).toBeUndefined();
    expect(read("quote", { status: "late", after: "-1" })).toEqual({ kind: "quote", status: "late", q: undefined, mine: undefined, after: null });
  });
});
