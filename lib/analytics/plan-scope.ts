import type { PlanTarget } from "@/db/schema/analytics";

/** What of a report narrows its plans: the chosen pipeline, the chosen department with those below it, and the responsibles the filter means (null: everyone). */
export type PlanScope = { pipelineId: number | null; departmentIds: number[] | null; responsibleIds: number[] | null; responsibleChosen: boolean };

/**
 * The plans a report's filters speak of. A pipeline chosen keeps that pipeline's plans (and the
 * company's); a department chosen keeps its own and its sub-departments' plans and their people's;
 * responsibles chosen keep those people's. Narrowed to people, the company's and pipelines'
 * plans are left out: they are not the chosen people's goals.
 */
export function plansInScope<P extends { target: PlanTarget; targetId: number | null }>(plans: P[], scope: PlanScope): P[] {
  const byPeople = scope.departmentIds !== null || scope.responsibleChosen;
  return plans.filter((plan) => {
    switch (plan.target) {
      case "company":
        return !byPeople;
      case "pipeline":
        return !byPeople && (scope.pipelineId === null || plan.targetId === scope.pipelineId);
      case "department":
        return !scope.responsibleChosen && (scope.departmentIds === null || scope.departmentIds.includes(plan.targetId ?? 0));
      case "employee":
        return scope.responsibleIds === null || scope.responsibleIds.includes(plan.targetId ?? 0);
    }
  });
}
