import { describe, expect, it } from "vitest";
import { plansInScope, type PlanScope } from "@/lib/analytics/plan-scope";

const plans = [
  { id: 1, target: "company" as const, targetId: null },
  { id: 2, target: "pipeline" as const, targetId: 10 },
  { id: 3, target: "pipeline" as const, targetId: 11 },
  { id: 4, target: "department" as const, targetId: 100 },
  { id: 5, target: "department" as const, targetId: 101 }, // below 100
  { id: 6, target: "department" as const, targetId: 200 },
  { id: 7, target: "employee" as const, targetId: 7 }, // in 101
  { id: 8, target: "employee" as const, targetId: 8 }, // in 200
];
const everyone: PlanScope = { pipelineId: null, departmentIds: null, responsibleIds: null, responsibleChosen: false };
const ids = (scope: PlanScope) => plansInScope(plans, scope).map((p) => p.id);

describe("the plans a report's filters speak of", () => {
  it("keeps every plan without a filter, and only the chosen pipeline's among the pipelines'", () => {
    expect(ids(everyone)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ids({ ...everyone, pipelineId: 11 })).toEqual([1, 3, 4, 5, 6, 7, 8]);
  });

  it("narrows to a department with those below it and their people, leaving out the company's and pipelines' goals", () => {
    expect(ids({ ...everyone, departmentIds: [100, 101], responsibleIds: [7] })).toEqual([4, 5, 7]);
  });

  it("narrows to chosen people: only their own plans", () => {
    expect(ids({ ...everyone, responsibleIds: [8], responsibleChosen: true })).toEqual([8]);
    // A person chosen outside the chosen department: the filter means nobody.
    expect(ids({ ...everyone, departmentIds: [100, 101], responsibleIds: [], responsibleChosen: true })).toEqual([]);
  });
});
