import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { vi } from "@/lib/i18n/messages/vi";
import { addDays, formatDateTime, todayIn } from "@/lib/i18n/format";
import { dateTimeFormat, numberFormat } from "@/lib/i18n/intl-cache";
import { interpolate, negotiateLocale, translator } from "@/lib/i18n/translate";

function keys(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("catalogues", () => {
  it("Vietnamese has exactly the English keys, none empty", () => {
    expect(keys(vi).sort()).toEqual(keys(en).sort());
    for (const key of keys(vi)) expect(translator("vi")(key as never)).not.toBe("");
  });
  it("uses the same placeholders in both languages", () => {
    for (const key of keys(en)) {
      // A plural form names its variable too: "{count, plural, one {# deal} other {# deals}}".
      const names = (s: string) => [...new Set([...s.replace(/(?<=(?:plural,|\}) )(=\d+|zero|one|two|few|many|other) \{[^{}]*\}/g, "").matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
      expect(names(translator("vi")(key as never)), key).toEqual(names(translator("en")(key as never)));
    }
  });
  it("interpolates variables and leaves unknown ones visible", () => {
    expect(interpolate("Deal #{id}", { id: 7 })).toBe("Deal #7");
    expect(interpolate("{a} {b}", { a: 1 })).toBe("1 {b}");
  });
  it("picks plural forms by the language's rules: 1 deal, 2 deals, a formatted 1,234 deals", () => {
    const en = translator("en");
    expect(en("list.total", { count: 1 })).toBe("1 deal matches");
    expect(en("list.total", { count: 0 })).toBe("0 deals match");
    expect(en("list.total", { count: "1,234" })).toBe("1,234 deals match");
    expect(en("board.staleDays", { days: 1 })).toBe("1 day in stage");
    expect(en("analytics.summary", { entered: 1, won: 1, rate: "100%" })).toBe("1 deal entered the funnel, 1 was won (100%).");
    expect(en("analytics.summary", { entered: 5, won: 2, rate: "40%" })).toBe("5 deals entered the funnel, 2 were won (40%).");
    expect(interpolate("{n, plural, =0 {none} one {# {thing}} other {# {thing}s}}", { n: 0, thing: "cat" })).toBe("none");
    expect(interpolate("{n, plural, =0 {none} one {# {thing}} other {# {thing}s}}", { n: 3, thing: "cat" })).toBe("3 cats");
  });
  it("leaves no plural form unparsed in any message, in either language", () => {
    for (const locale of ["en", "vi"] as const) {
      const t = translator(locale);
      for (const key of keys(en)) {
        const vars = Object.fromEntries([...t(key as never).matchAll(/\{(\w+)/g)].map((m) => [m[1], 2]));
        expect(t(key as never, vars), key).not.toMatch(/, plural,|\b(one|other) \{/);
      }
    }
  });
});

describe("negotiateLocale", () => {
  it("prefers the cookie, then the browser, then English", () => {
    expect(negotiateLocale("vi", "en-US")).toBe("vi");
    expect(negotiateLocale(undefined, "vi-VN,vi;q=0.9,en;q=0.5")).toBe("vi");
    expect(negotiateLocale("xx", "fr-FR, de")).toBe("en");
    expect(negotiateLocale(undefined, null)).toBe("en");
  });
});

describe("dates in the org's time zone", () => {
  it("gives Ho Chi Minh City's date, not the server's", () => {
    // 2026-11-27 20:00 UTC is already the 28th in Vietnam (UTC+7).
    expect(todayIn("Asia/Ho_Chi_Minh", new Date("2026-11-27T20:00:00Z"))).toBe("2026-11-28");
    expect(todayIn("UTC", new Date("2026-11-27T20:00:00Z"))).toBe("2026-11-27");
  });
  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addDays("2028-02-25", 7)).toBe("2028-03-03");
  });
});

describe("cached Intl formatters", () => {
  it("makes one formatter per locale and options, and keeps zones and currencies apart", () => {
    const a = dateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Ho_Chi_Minh" });
    expect(dateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Ho_Chi_Minh" })).toBe(a);
    const berlin = dateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" });
    expect(berlin).not.toBe(a);
    const instant = new Date("2026-11-27T10:00:00Z");
    expect(a.format(instant)).toContain("5:00");
    expect(berlin.format(instant)).toContain("11:00");
    expect(numberFormat("vi-VN", { style: "currency", currency: "VND" })).not.toBe(numberFormat("vi-VN", { style: "currency", currency: "USD" }));
    expect(formatDateTime(instant, "en", "Europe/Berlin")).toBe(berlin.format(instant));
  });
});
