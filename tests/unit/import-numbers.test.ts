import { describe, expect, it } from "vitest";
import { bareNumber, detectNumberFormat, readAmount } from "@/lib/import/numbers";

describe("numbers in an imported file", () => {
  it("drops what people write around an amount", () => {
    expect(bareNumber("1.500.000 ₫")).toBe("1.500.000");
    expect(bareNumber("12.500.000đ")).toBe("12.500.000");
    expect(bareNumber("US$ 49,900.00")).toBe("49,900.00");
    expect(bareNumber("3 200 000 VND")).toBe("3200000");
  });

  it("reads an amount in the file's format, exactly", () => {
    expect(readAmount("12.500.000", "vi", "VND")).toBe("12500000");
    expect(readAmount("12,500,000", "en", "VND")).toBe("12500000");
    expect(readAmount("1,5", "vi", "USD")).toBe("1.5");
    expect(readAmount("1.500.000 ₫", "vi", "VND")).toBe("1500000");
    expect(readAmount("$49,900.00", "en", "USD")).toBe("49900");
    // Read the other way these are not numbers at all, never a wrong one.
    expect(readAmount("12.500.000", "en", "VND")).toBeNull();
    expect(readAmount("12,500,000", "vi", "VND")).toBeNull();
  });

  it("judges the format from the amounts, and from the org's language when they could be either", () => {
    expect(detectNumberFormat(["12.500.000", "1.500.000 ₫", "3.200.000,5"], "en")).toBe("vi");
    expect(detectNumberFormat(["12,500,000", "$49,900.00"], "vi")).toBe("en");
    // "1.500" is 1500 in Vietnamese and 1.5 in English: one clearer cell decides.
    expect(detectNumberFormat(["1.500", "12.500.000"], "en")).toBe("vi");
    expect(detectNumberFormat(["1.500", "2.5"], "vi")).toBe("en");
    expect(detectNumberFormat(["1.500"], "vi")).toBe("vi");
    expect(detectNumberFormat(["1.500"], "en")).toBe("en");
    expect(detectNumberFormat(["", "  "], "en")).toBe("en");
  });
});
