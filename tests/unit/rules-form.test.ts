import { describe, expect, it } from "vitest";
import { diffRules, parseRulesForm, ruleField } from "@/lib/permissions/rules-form";
import { rolePresets } from "@/lib/permissions/levels";

const pipelines = [{ id: 1, stages: [{ id: 11 }, { id: 12 }] }];
const base = { "p1.READ": "open", "p1.ADD": "own", "p1.UPDATE": "own", "p1.DELETE": "none", "p1.EXPORT": "none", "p1.IMPORT": "none" };

describe("parseRulesForm", () => {
  it("reads levels, stage overrides (empty = as pipeline), flags and a list of transitions", () => {
    const result = parseRulesForm({ ...base, "p1.s12.UPDATE": "none", "p1.s11.READ": "", "p1.hideAmounts": "on", "p1.transitions": "list", "p1.targets[]": ["12"] }, pipelines);
    expect(result.ok).toBe(true);
    expect(result.ok && result.rules.get(1)).toEqual({
      levels: { READ: "open", ADD: "own", UPDATE: "own", DELETE: "none", EXPORT: "none", IMPORT: "none" },
      stageLevels: { "12": { UPDATE: "none" } },
      hideAmounts: true,
      automation: false,
      personalLayout: false,
      transitions: [12],
    });
  });
  it("treats missing fields as 'none' and unchecked boxes as off", () => {
    const result = parseRulesForm({}, pipelines);
    expect(result.ok && result.rules.get(1)!.levels.READ).toBe("none");
    expect(result.ok && result.rules.get(1)!.transitions).toBe("any");
  });
  it("names the field of a tampered value", () => {
    expect(parseRulesForm({ ...base, "p1.READ": "everything" }, pipelines)).toEqual({ ok: false, field: "p1.READ" });
    expect(parseRulesForm({ ...base, "p1.transitions": "list", "p1.targets[]": ["99"] }, pipelines)).toEqual({ ok: false, field: ruleField.targets(1) });
    expect(parseRulesForm({ ...base, "p1.s11.READ": "x" }, pipelines)).toEqual({ ok: false, field: "p1.s11.READ" });
  });
});

describe("diffRules", () => {
  it("lists each changed field, including stage overrides added", () => {
    const after = { ...rolePresets.salesPerson, hideAmounts: true, stageLevels: { "12": { DELETE: "none" as const } } };
    const diff = diffRules(rolePresets.salesPerson, after);
    expect(diff).toHaveLength(2);
    expect(diff).toEqual(
      expect.arrayContaining([
        { path: "stage 12 DELETE", old: null, new: "none" },
        { path: "hideAmounts", old: false, new: true },
      ]),
    );
    expect(diffRules(rolePresets.salesPerson, rolePresets.salesPerson)).toEqual([]);
  });
});
