import { describe, expect, it } from "vitest";
import { normalizePhone } from "@/lib/messaging/phone";

describe("phone numbers to E.164 (Vietnamese rules)", () => {
  it("reads a national mobile number however it is written", () => {
    for (const written of ["0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "(091) 234-5678", " 0912345678 "]) {
      expect(normalizePhone(written), written).toBe("+84912345678");
    }
  });

  it("reads the country code with or without +, and the 00 prefix", () => {
    expect(normalizePhone("84912345678")).toBe("+84912345678");
    expect(normalizePhone("+84 912 345 678")).toBe("+84912345678");
    expect(normalizePhone("+84-912-345-678")).toBe("+84912345678");
    expect(normalizePhone("0084912345678")).toBe("+84912345678");
  });

  it("accepts every mobile prefix since the 2018 renumbering, and 10-digit landlines", () => {
    expect(normalizePhone("0362345678")).toBe("+84362345678");
    expect(normalizePhone("0562345678")).toBe("+84562345678");
    expect(normalizePhone("0762345678")).toBe("+84762345678");
    expect(normalizePhone("0862345678")).toBe("+84862345678");
    expect(normalizePhone("024 3825 1234")).toBe("+842438251234");
    expect(normalizePhone("028.3822.1234")).toBe("+842838221234");
  });

  it("keeps numbers of other countries in E.164's shape", () => {
    expect(normalizePhone("+1 (415) 555-2671")).toBe("+14155552671");
    expect(normalizePhone("+44 20 7946 0958")).toBe("+442079460958");
  });

  it("refuses what cannot receive an SMS: wrong length, old 11-digit mobiles, letters, empty", () => {
    for (const bad of ["", "   ", "091234567", "09123456789", "01689123456", "+8491234567", "0912abc678", "0912345678 ext 12", "912345678", "1900 1234", "+0912345678", "+1234", "0012", "++84912345678", "+84 912 345 678 9"]) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });
});
