import { describe, expect, it } from "vitest";
import { diffDeal, type TrackedValues } from "@/lib/deals/changes";
import { dealFormSchema, dealUpdateSchema } from "@/lib/deals/form-schema";
import { parseId } from "@/lib/ids";
import { translator } from "@/lib/i18n/translate";

const en = { t: translator("en"), locale: "en" as const };
const vi = { t: translator("vi"), locale: "vi" as const };

const valid = { title: "  Supply 20 laptops ", stageId: "3", amount: "1,250.50", currency: "USD", contactIds: ["4", "5", "4"], opened: "on" };

describe("deal form schema", () => {
  it("parses a valid form into typed values", () => {
    const result = dealFormSchema(en).safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ title: "Supply 20 laptops", stageId: 3, amount: "1250.5", currency: "USD", contactIds: [4, 5], opened: true, assignedById: null, companyId: null, beginDate: null });
  });
  it("leaves an unchecked 'open' checkbox as false and empty options as null", () => {
    const result = dealFormSchema(en).parse({ ...valid, opened: undefined, sourceId: "", typeId: "" });
    expect(result).toMatchObject({ opened: false, sourceId: null, typeId: null });
  });
  it("reads amounts in the user's locale", () => {
    expect(dealFormSchema(vi).parse({ ...valid, amount: "1.500.000", currency: "VND" }).amount).toBe("1500000");
  });
  it("reports each bad field with a message in the user's language", () => {
    const result = dealFormSchema(vi).safeParse({ ...valid, stageId: "", currency: "XYZ", probability: "150", sourceId: "TV" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField.stageId).toBe("Bắt buộc.");
    expect(byField.currency).toBe("Hãy chọn một trong các lựa chọn.");
    expect(byField.probability).toBe("Từ 0 đến 100.");
    expect(byField.sourceId).toBe("Hãy chọn một trong các lựa chọn.");
  });
  it("refuses an amount that is not a number, VND fractions, and a close date before the start", () => {
    const messages = (input: object) => dealFormSchema(en).safeParse({ ...valid, ...input }).error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    expect(messages({ amount: "ten" })).toEqual(["amount: Enter a number, e.g. 1,500,000.50."]);
    expect(messages({ amount: "10.5", currency: "VND" })).toEqual(["amount: VND has no fractional part."]);
    expect(messages({ beginDate: "2026-11-10", closeDate: "2026-11-01" })).toEqual(["closeDate: The close date cannot be before the start date."]);
    expect(messages({ beginDate: "2026-02-30" })).toEqual(["beginDate: Enter a valid date."]);
    expect(messages({ title: "x".repeat(256) })).toEqual(["title: At most 255 characters."]);
  });
  it("requires the deal id and version on update", () => {
    expect(dealUpdateSchema(en).safeParse(valid).success).toBe(false);
    expect(dealUpdateSchema(en).parse({ ...valid, id: "9", version: "2" })).toMatchObject({ id: 9, version: 2, stageId: 3 });
  });
});

describe("diffDeal", () => {
  const base: TrackedValues = { title: "A", pipelineId: 1, stageId: 1, amount: "10", currency: "VND", probability: null, assignedById: 1, companyId: null, contactIds: [1, 2], beginDate: "2026-01-01", closeDate: "2026-01-08", opened: true, sourceId: null, sourceDescription: null, typeId: null, comments: null };
  it("lists only the fields that changed, old → new", () => {
    expect(diffDeal(base, { ...base, stageId: 2, amount: "12", contactIds: [2, 1] })).toEqual([
      { field: "stageId", old: 1, new: 2 },
      { field: "amount", old: "10", new: "12" },
    ]);
  });
  it("treats undefined and null alike", () => {
    expect(diffDeal(base, { ...base, comments: undefined })).toEqual([]);
  });
});

describe("parseId", () => {
  it("accepts positive 32-bit integers only", () => {
    expect(parseId("42")).toBe(42);
    for (const bad of ["0", "-1", "1e3", "abc", "99999999999", "2147483648", "4 2"]) expect(parseId(bad)).toBeNull();
  });
});
