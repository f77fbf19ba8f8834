import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { codeFromLabel, isValidCode } from "@/lib/fields/code";
import { diffCustom, mergeCustom } from "@/lib/fields/changes";
import { customFormValues } from "@/lib/fields/form-input";
import { customValuesSchema, fieldValueSchema, type FieldDefinition } from "@/lib/fields/values";
import { translator, type Locale, type Translate } from "@/lib/i18n/translate";

type I18n = { t: Translate; locale: Locale };
const en: I18n = { t: translator("en"), locale: "en" };
const vi: I18n = { t: translator("vi"), locale: "vi" };
const def = (type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ code: "UF_CRM_X", label: "X", type, settings: {}, multiple: false, mandatory: false, ...extra });
const parse = (d: FieldDefinition, input: string[] | { amount: string; currency: string }[], i18n = en) => fieldValueSchema(d, i18n).safeParse(input);
const ok = (d: FieldDefinition, input: string[] | { amount: string; currency: string }[], i18n = en) => {
  const r = parse(d, input, i18n);
  if (!r.success) throw new Error(r.error.issues[0]!.message);
  return r.data;
};
const error = (d: FieldDefinition, input: string[] | { amount: string; currency: string }[], i18n = en) => {
  const r = parse(d, input, i18n);
  return r.success ? null : r.error.issues[0]!.message;
};

describe("the custom field value schema, built from the definition", () => {
  it("reads each type as a person types it, in their locale", () => {
    expect(ok(def("string"), ["  two   words "])).toBe("two words");
    expect(ok(def("string", { settings: { multiline: true } }), ["line 1\nline 2"])).toBe("line 1\nline 2");
    expect(ok(def("integer"), ["1,500"])).toBe(1500);
    expect(ok(def("integer"), ["1.500"], vi)).toBe(1500);
    expect(ok(def("integer"), ["-42"])).toBe(-42);
    expect(ok(def("decimal", { settings: { precision: 3 } }), ["1.234,567"], vi)).toBe("1234.567");
    expect(ok(def("decimal"), ["-0.50"])).toBe(ok(def("decimal"), ["-0.5"]));
    expect(ok(def("decimal"), ["-0.50"])).toMatch(/^-0\.50?$/);
    expect(ok(def("decimal"), ["-0"])).toBe("0");
    expect(ok(def("boolean"), ["1"])).toBe(true);
    expect(ok(def("boolean"), ["0"])).toBe(false);
    expect(ok(def("date"), ["2026-02-28"])).toBe("2026-02-28");
    expect(ok(def("datetime"), ["2026-11-27T02:30:00.000Z"])).toBe("2026-11-27T02:30:00.000Z");
    expect(ok(def("money"), [{ amount: "1.500.000", currency: "VND" }], vi)).toEqual({ amount: "1500000", currency: "VND" });
    expect(ok(def("url"), ["example.com/a b"])).toBe("https://example.com/a%20b");
    expect(ok(def("enumeration", { settings: { options: [{ id: 3, label: "Hà Nội" }] } }), ["3"])).toBe(3);
    expect(ok(def("employee"), ["7"])).toBe(7);
    expect(ok(def("crm", { settings: { target: "deal" } }), ["12"])).toBe(12);
  });

  it("refuses wrong values with a message a person can act on", () => {
    expect(error(def("integer"), ["1.5"])).toBe("Enter a whole number.");
    expect(error(def("integer"), ["99999999999999999999"])).toBe("Enter a whole number.");
    expect(error(def("decimal", { settings: { precision: 1 } }), ["1.25"])).toMatch(/at most 1 decimals/);
    expect(error(def("date"), ["2026-02-30"])).toBe(translator("en")("errors.invalidDate"));
    expect(error(def("boolean"), ["maybe"])).toBe("Choose one of the listed options.");
    expect(error(def("enumeration", { settings: { options: [{ id: 1, label: "a" }] } }), ["2"])).toBe("Choose one of the listed options.");
    expect(error(def("url"), ["javascript:alert(1)"])).toBe("Enter a web address (http or https).");
    expect(error(def("string"), ["x".repeat(2001)])).toBe("At most 2000 characters.");
    expect(error(def("money"), [{ amount: "1.5", currency: "VND" }])).toMatch(/VND/);
    expect(error(def("money"), [{ amount: "1", currency: "XXX" }])).toBe("Choose one of the listed options.");
    expect(error(def("employee"), ["-1"])).toBe("Choose one of the listed options.");
    expect(error(def("string"), ["a", "b"])).toBe("This field takes one value.");
  });

  it("makes a mandatory field required, a multiple one a list, and an empty one null", () => {
    expect(error(def("string", { mandatory: true }), ["  "])).toBe("Required.");
    expect(ok(def("string"), [""])).toBeNull();
    expect(ok(def("integer", { multiple: true }), ["1", "", "3"])).toEqual([1, 3]);
    const schema = customValuesSchema([def("string", { code: "UF_CRM_A" }), def("integer", { code: "UF_CRM_B", mandatory: true })], en);
    // Only the fields a form sent are parsed: a partial form does not trip a mandatory field it lacks.
    expect(schema.parse({ UF_CRM_A: ["x"] })).toEqual({ UF_CRM_A: "x" });
    expect(schema.safeParse({ UF_CRM_B: [""] }).success).toBe(false);
  });

  it("gives back what the form showed: stored → form text → stored is the identity", () => {
    const decimal = def("decimal", { settings: { precision: 2 } });
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(en, vi), (whole, cents, i18n) => {
        // What was stored from a typed number, shown in the form and saved again, stays the same.
        const stored = ok(decimal, [`${whole < 0 ? "-" : ""}${Math.abs(whole)}.${String(cents).padStart(2, "0")}`]) as string;
        const form = customFormValues([decimal], { UF_CRM_X: stored }, i18n.locale === "vi" ? "," : ".", "UTC")["cf:UF_CRM_X[]"]!;
        expect(ok(decimal, form, i18n)).toBe(stored);
      }),
    );
  });
});

describe("codes", () => {
  it("follow the reference: UF_CRM_, A–Z 0–9 _, at most 50 characters", () => {
    expect(codeFromLabel("Mã số thuế")).toBe("UF_CRM_MA_SO_THUE");
    expect(codeFromLabel("Đơn vị (kg)")).toBe("UF_CRM_DON_VI_KG");
    expect(isValidCode(codeFromLabel("x".repeat(200)))).toBe(true);
    expect(isValidCode("UF_CRM_lower")).toBe(false);
    expect(isValidCode(`UF_CRM_${"A".repeat(44)}`)).toBe(false);
  });
});

describe("merging and history", () => {
  it("replaces sent fields, clears emptied ones, keeps the rest, and records old → new", () => {
    const before = { UF_CRM_A: "a", UF_CRM_B: [1, 2], UF_CRM_C: true };
    const after = mergeCustom(before, { UF_CRM_A: null, UF_CRM_B: [2, 1], UF_CRM_D: "new" });
    expect(after).toEqual({ UF_CRM_B: [2, 1], UF_CRM_C: true, UF_CRM_D: "new" });
    expect(diffCustom(before, after)).toEqual([
      { field: "UF_CRM_A", old: "a", new: null },
      { field: "UF_CRM_B", old: [1, 2], new: [2, 1] },
      { field: "UF_CRM_D", old: null, new: "new" },
    ]);
  });
});
