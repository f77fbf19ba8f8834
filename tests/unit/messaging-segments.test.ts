import { describe, expect, it } from "vitest";
import { smsEncoding, smsSegments } from "@/lib/messaging/sms-segments";

describe("SMS encoding and parts", () => {
  it("sends Vietnamese with diacritics as UCS-2, plain Latin text as GSM-7", () => {
    expect(smsEncoding("Xin chào anh Nguyễn Văn An, đơn hàng đã được giao.")).toBe("UCS-2");
    expect(smsEncoding("Cảm ơn")).toBe("UCS-2");
    expect(smsEncoding("Cam on quy khach, don hang da duoc giao.")).toBe("GSM-7");
    // à, é and £ are in the GSM alphabet itself.
    expect(smsEncoding("Xin chào, café £5")).toBe("GSM-7");
  });

  it("fits 70 UCS-2 characters in one message and 67 in each part of a long one", () => {
    expect(smsSegments("ă".repeat(70))).toEqual({ encoding: "UCS-2", segments: 1, units: 70 });
    expect(smsSegments("ă".repeat(71))).toEqual({ encoding: "UCS-2", segments: 2, units: 71 });
    expect(smsSegments("ă".repeat(134)).segments).toBe(2);
    expect(smsSegments("ă".repeat(135)).segments).toBe(3);
  });

  it("fits 160 GSM-7 characters in one message and 153 in each part", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", segments: 1, units: 160 });
    expect(smsSegments("a".repeat(161)).segments).toBe(2);
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts characters of the extension table twice and never splits one across parts", () => {
    expect(smsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", segments: 1, units: 160 });
    expect(smsSegments("€".repeat(81)).segments).toBe(2);
    expect(smsSegments(`${"a".repeat(150)}[]`)).toMatchObject({ units: 154, segments: 1 });
    // 152 septets, then "{" (2) does not fit in the first part's 153: it opens the second.
    expect(smsSegments(`${"a".repeat(152)}{${"a".repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
  });

  it("counts an emoji as two UTF-16 units, kept together", () => {
    expect(smsSegments("😀".repeat(35))).toEqual({ encoding: "UCS-2", segments: 1, units: 70 });
    expect(smsSegments(`${"ă".repeat(66)}😀`)).toMatchObject({ units: 68, segments: 1 });
    expect(smsSegments(`${"ă".repeat(69)}😀`)).toMatchObject({ units: 71, segments: 2 });
  });

  it("has no parts for an empty text", () => {
    expect(smsSegments("")).toEqual({ encoding: "GSM-7", segments: 0, units: 0 });
  });
});
