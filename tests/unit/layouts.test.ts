import { describe, expect, it } from "vitest";
import { defaultLayout, resolveLayout, standardCardFields } from "@/lib/layouts/resolve";
import { layoutFromForm } from "@/lib/layouts/service";

describe("card layouts", () => {
  it("default to About the deal, More and the custom fields", () => {
    const layout = resolveLayout(null, ["UF_CRM_A"]);
    expect(layout.sections.map((s) => s.preset)).toEqual(["about", "more", "custom"]);
    expect(layout.sections.flatMap((s) => s.fields)).toHaveLength(standardCardFields.length + 1);
  });

  it("drop fields that are gone or not visible, keep each once, and add new ones to the last section", () => {
    const stored = { sections: [{ name: "Main", fields: ["amount", "UF_CRM_GONE", "amount", "stage"] }, { name: "Extra", fields: [] }], hidden: ["probability"] };
    const layout = resolveLayout(stored, ["UF_CRM_NEW"]);
    expect(layout.sections[0]!.fields).toEqual(["amount", "stage"]);
    expect(layout.hidden).toEqual(["probability"]);
    const extra = layout.sections[1]!.fields;
    expect(extra).toContain("UF_CRM_NEW");
    expect(extra).not.toContain("probability");
    expect(new Set(layout.sections.flatMap((s) => s.fields).concat(layout.hidden)).size).toBe(standardCardFields.length + 1);
  });

  it("read the editor: renamed and reordered sections, a new one, hidden fields, a removed section's fields kept", () => {
    const current = defaultLayout(["UF_CRM_A"]);
    const keys = [...standardCardFields, "UF_CRM_A"];
    const values: Record<string, string> = {
      "section.0.name": "Deal",
      "section.0.order": "20",
      "section.1.order": "10",
      "section.2.remove": "on",
      "section.new.name": "Marketing",
      "section.new.order": "5",
      "field.source.section": "new",
      "field.sourceDescription.section": "new",
      "field.sourceDescription.order": "-1",
      "field.probability.section": "hidden",
      "field.UF_CRM_A.section": "2",
    };
    for (const key of keys) if (!values[`field.${key}.section`]) values[`field.${key}.section`] = current.sections.findIndex((s) => s.fields.includes(key)).toString();
    const layout = layoutFromForm(values, keys, current);
    expect(layout.sections.map((s) => s.name ?? s.preset)).toEqual(["Marketing", "more", "Deal"]);
    // The removed custom section's field went to the first section left (Marketing, by order).
    expect(layout.sections[0]!.fields).toEqual(["sourceDescription", "source", "UF_CRM_A"]);
    expect(layout.hidden).toEqual(["probability"]);
  });
});
