import { describe, expect, it } from "vitest";
import { changeFires } from "@/lib/automation/triggers/detect";
import { isBackwards } from "@/lib/automation/triggers/fire";
import { triggerFormSchema, triggerFormValues } from "@/lib/automation/triggers/form";
import { checkContactFields } from "@/lib/automation/triggers/web-forms/definition";
import { translator } from "@/lib/i18n/translate";

const t = translator("en");

describe("the trigger editor's form", () => {
  it("reads a trigger with its condition rows, and shows it back the same", () => {
    const parsed = triggerFormSchema({ t }).parse({
      name: " Khách đồng ý ",
      kind: "fieldChanged",
      stageId: "12",
      allowBackwards: "on",
      field: "uf.UF_CRM_STATUS",
      value: " Đồng ý ",
      conditionOp: "or",
      condField1: "amount",
      condCmp1: "gte",
      condValue1: "1000000",
      condField2: "",
      condField3: "contact.email",
      condCmp3: "notEmpty",
      condValue3: "ignored",
    });
    expect(parsed).toEqual({
      id: null,
      name: "Khách đồng ý",
      kind: "fieldChanged",
      stageId: 12,
      allowBackwards: true,
      config: { field: "uf.UF_CRM_STATUS", value: "Đồng ý" },
      condition: { op: "or", items: [{ field: "amount", cmp: "gte", value: "1000000" }, { field: "contact.email", cmp: "notEmpty" }] },
    });
    const shown = triggerFormValues({ ...parsed, config: parsed.config, condition: parsed.condition });
    expect(triggerFormSchema({ t }).parse(shown)).toEqual(parsed);
  });

  it("reports each problem on the field it was typed into", () => {
    const result = triggerFormSchema({ t }).safeParse({ name: "", kind: "fieldChanged", stageId: "x", field: "", condField1: "title", condCmp1: "eq", condValue1: "", condField2: "title", condCmp2: "like" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]).sort();
    expect(fields).toEqual(["condCmp2", "condValue1", "field", "name", "stageId"]);
    expect(triggerFormSchema({ t }).safeParse({ name: "x", kind: "sendFax", stageId: "1" }).error!.issues.map((i) => i.path[0])).toEqual(["kind"]);
  });
});

describe("what sets a trigger off", () => {
  const change = (field: string, value: unknown) => [{ field, old: null, new: value }];
  it("a field changed, to a value compared as conditions compare (exact decimals, no case or diacritics, one of a list)", () => {
    expect(changeFires("fieldChanged", { field: "comments" }, change("comments", "anything"))).toBe(true);
    expect(changeFires("fieldChanged", { field: "comments", value: "Đồng ý" }, change("comments", "dong Y"))).toBe(true);
    expect(changeFires("fieldChanged", { field: "comments", value: "Đồng ý" }, change("title", "Đồng ý"))).toBe(false);
    expect(changeFires("fieldChanged", { field: "amount", value: "1500000" }, change("amount", "1500000.00"))).toBe(true);
    expect(changeFires("fieldChanged", { field: "uf.UF_CRM_BUDGET", value: "20" }, change("UF_CRM_BUDGET", { amount: "20.00", currency: "USD" }))).toBe(true);
    expect(changeFires("fieldChanged", { field: "uf.UF_CRM_TAGS", value: "7" }, change("UF_CRM_TAGS", [3, 7]))).toBe(true);
    expect(changeFires("fieldChanged", { field: "uf.UF_CRM_TAGS", value: "7" }, change("UF_CRM_TAGS", null))).toBe(false);
    expect(changeFires("responsibleChanged", {}, change("assignedById", 4))).toBe(true);
    expect(changeFires("responsibleChanged", {}, change("title", "x"))).toBe(false);
    expect(changeFires("webForm", {}, change("assignedById", 4))).toBe(false);
  });

  it("moving back: to an earlier stage of the board's order, or out of a final stage", () => {
    const stage = (id: number, sort: number, semantics = "P") => ({ id, name: String(id), sort, semantics });
    expect(isBackwards(stage(2, 20), stage(1, 10))).toBe(true);
    expect(isBackwards(stage(1, 10), stage(2, 20))).toBe(false);
    expect(isBackwards(stage(5, 10), stage(4, 10))).toBe(true);
    expect(isBackwards(stage(6, 60, "S"), stage(7, 70, "F"))).toBe(true);
    expect(isBackwards(stage(1, 10), stage(6, 60, "S"))).toBe(false);
  });
});

describe("a web form's contact fields", () => {
  const fields = [
    { key: "name", required: false },
    { key: "email", required: false },
    { key: "phone", required: false },
  ];
  it("needs a way to reach the visitor, and checks e-mail and phone", () => {
    expect(checkContactFields(fields, {}, t).errors).toEqual({ name: ["Please leave your name, e-mail or phone."] });
    expect(checkContactFields(fields, { email: "a@", phone: "call me" }, t).errors).toEqual({ email: [t("triggers.publicForm.badEmail")], phone: [t("triggers.publicForm.badPhone")] });
    expect(checkContactFields(fields, { name: "  Trần   Văn  Bình ", phone: "+84 912 345 678" }, t)).toEqual({ values: { name: "Trần Văn Bình", phone: "+84 912 345 678" }, errors: {} });
    expect(checkContactFields([{ key: "name", required: true }], { name: "x".repeat(256) }, t).errors.name).toEqual([t("errors.tooLong", { max: 255 })]);
  });
});
