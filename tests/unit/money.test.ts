import { describe, expect, it } from "vitest";
import { amountForInput, normalizeAmount, parseAmount } from "@/lib/money/money";
import { formatMoney } from "@/lib/i18n/format";

describe("parseAmount", () => {
  it("reads Vietnamese grouping with dots and a decimal comma", () => {
    expect(parseAmount("1.500.000", ",", "VND")).toEqual({ ok: true, amount: "1500000" });
    expect(parseAmount("1.500,25", ",", "USD")).toEqual({ ok: true, amount: "1500.25" });
  });
  it("reads English grouping with commas and a decimal point", () => {
    expect(parseAmount("1,500,000.50", ".", "USD")).toEqual({ ok: true, amount: "1500000.5" });
    expect(parseAmount(" 2 000 ", ".", "VND")).toEqual({ ok: true, amount: "2000" });
  });
  it("takes a lone separator not followed by three digits as the decimal point", () => {
    expect(parseAmount("1500.5", ",", "USD")).toEqual({ ok: true, amount: "1500.5" });
    expect(parseAmount("1500,75", ".", "USD")).toEqual({ ok: true, amount: "1500.75" });
  });
  it("treats an empty amount as zero", () => {
    expect(parseAmount("", ".", "VND")).toEqual({ ok: true, amount: "0" });
  });
  it("refuses fractions VND does not have, and too many decimals elsewhere", () => {
    expect(parseAmount("1000,5", ",", "VND")).toEqual({ ok: false, error: "noFractionForCurrency" });
    expect(parseAmount("10.125", ".", "USD")).toEqual({ ok: false, error: "invalidNumber" });
    // In Vietnamese the same text is a grouped thousand.
    expect(parseAmount("10.125", ",", "USD")).toEqual({ ok: true, amount: "10125" });
  });
  it("refuses digits grouped wrongly instead of guessing", () => {
    expect(parseAmount("1,000,5", ".", "VND")).toEqual({ ok: false, error: "invalidNumber" });
    expect(parseAmount("1.00.000", ",", "VND")).toEqual({ ok: false, error: "invalidNumber" });
    expect(parseAmount("1234,567.5", ".", "USD")).toEqual({ ok: false, error: "invalidNumber" });
    expect(parseAmount("12,345,678", ".", "VND")).toEqual({ ok: true, amount: "12345678" });
  });
  it("refuses words, negative numbers and amounts that do not fit numeric(18,2)", () => {
    expect(parseAmount("abc", ".", "USD")).toEqual({ ok: false, error: "invalidNumber" });
    expect(parseAmount("-5", ".", "USD")).toEqual({ ok: false, error: "invalidNumber" });
    expect(parseAmount("12345678901234567", ".", "USD")).toEqual({ ok: false, error: "amountTooLarge" });
  });
  it("keeps exact decimals: no float rounding", () => {
    expect(parseAmount("9999999999999999.99", ".", "USD")).toEqual({ ok: true, amount: "9999999999999999.99" });
  });
});

describe("amount display", () => {
  it("drops the zeros numeric(18,2) adds", () => {
    expect(normalizeAmount("1500000.00")).toBe("1500000");
    expect(normalizeAmount("12.50")).toBe("12.5");
    expect(amountForInput("12.50", ",")).toBe("12,5");
  });
  it("formats VND without a minor unit and USD with cents, per locale", () => {
    expect(formatMoney("1500000", "VND", "vi")).toMatch(/^1\.500\.000\s₫$/);
    expect(formatMoney("1500000.5", "USD", "en")).toBe("$1,500,000.50");
    expect(formatMoney("9999999999999999.99", "USD", "en")).toBe("$9,999,999,999,999,999.99");
  });
});
