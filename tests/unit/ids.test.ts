import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { idField, MAX_ID, optionalIdField, parseId, parseIds } from "@/lib/ids";
import { decodeCursor, decodeInstant, encodeCursor } from "@/lib/deals/list/cursor";
import { dealFormSchema } from "@/lib/deals/form-schema";
import { translator } from "@/lib/i18n/translate";

describe("the one id parser", () => {
  it("accepts exactly the integers 1 … 2³¹−1, as text or number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_ID }), (n) => {
        expect(parseId(String(n))).toBe(n);
        expect(parseId(n)).toBe(n);
      }),
    );
    for (const bad of ["0", "-1", "1e3", "1.0", "abc", "", "99999999999", "2147483648", "0x10", "４２", "4\u00002", null, undefined, 2 ** 31, 1.5, -3, Number.NaN]) expect(parseId(bad), String(bad)).toBeNull();
  });

  it("never yields a number a PostgreSQL integer cannot hold, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const id = parseId(text);
        if (id !== null) expect(Number.isInteger(id) && id >= 1 && id <= MAX_ID).toBe(true);
      }),
    );
  });

  it("reads lists once each, drops what is not an id, and stops at the limit", () => {
    expect(parseIds(["3,4", "x", "3", "2147483648", "5"])).toEqual([3, 4, 5]);
    expect(parseIds(["1,2,3,4"], 2)).toEqual([1, 2]);
  });

  it("refuses a form's bad id with the message given", () => {
    expect(idField("bad").safeParse("2147483648").success).toBe(false);
    expect(optionalIdField("bad").safeParse("").data).toBeNull();
    const schema = dealFormSchema({ t: translator("en"), locale: "en" });
    const issues = (values: Record<string, unknown>) => schema.safeParse({ title: "x", stageId: "1", currency: "VND", ...values }).error?.issues.map((i) => i.path[0]);
    expect(issues({ assignedById: "2147483648" })).toEqual(["assignedById"]);
    expect(issues({ contactIds: ["1", "99999999999"] })).toEqual(["contactIds"]);
    expect(issues({ stageId: "-4" })).toEqual(["stageId"]);
    expect(issues({ contactIds: ["1", "2"] })).toBeUndefined();
  });
});

describe("the one cursor decoder", () => {
  const cursor = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString("base64url");

  it("gives back what it encoded", () => {
    const c = { value: "2026-11-27 02:51:00.123456+00", id: 42 };
    expect(decodeCursor(encodeCursor(c), "timestamptz")).toEqual(c);
    expect(decodeCursor(encodeCursor({ value: "2026-11-27 09:51:00+05:30", id: 1 }), "timestamptz")).not.toBeNull();
  });

  it("reads as no cursor whatever the database would refuse", () => {
    for (const [value, type] of [
      ["2026-11-27 02:51:00+14:99", "timestamptz"],
      ["2026-11-27 02:51:00+15", "timestamptz"],
      ["2026-02-30 02:51:00+00", "timestamptz"],
      ["0000-01-01", "date"],
      ["2026-13-01", "date"],
      ["1e400", "numeric"],
      ["2147483648", "int"],
      ["a\u0000b", "text"],
    ] as const) {
      expect(decodeCursor(cursor(value, 1), type), `${type} ${value}`).toBeNull();
    }
    expect(decodeCursor(cursor("2026-11-27", 2 ** 31), "date")).toBeNull();
    expect(decodeCursor(cursor(null, 1), "text")).toBeNull();
    expect(decodeCursor("not base64 json", "text")).toBeNull();
    expect(decodeCursor("x".repeat(601), "text")).toBeNull();
  });

  it("reads the timeline's instant only as an ISO time from 1970 on", () => {
    expect(decodeInstant("2026-11-27T02:51:00.000Z")?.toISOString()).toBe("2026-11-27T02:51:00.000Z");
    for (const bad of ["-271821-04-20T00:00:00Z", "yesterday", "1969-12-31T23:59:59Z", 42]) expect(decodeInstant(bad)).toBeNull();
  });
});
