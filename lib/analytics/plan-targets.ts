import type { PlanTarget } from "@/db/schema/analytics";
import type { Translate } from "@/lib/i18n/translate";

type Named = { id: number; name: string };

/** A plan's target as people read it: "The company", or the pipeline's, department's or employee's name. */
export function planTargetNamer(t: Translate, world: { pipelines: Named[]; departments: Named[]; people: Named[] }) {
  const names = {
    pipeline: new Map(world.pipelines.map((p) => [p.id, p.name])),
    department: new Map(world.departments.map((d) => [d.id, d.name])),
    employee: new Map(world.people.map((p) => [p.id, p.name])),
  };
  return (plan: { target: PlanTarget; targetId: number | null }) => (plan.target === "company" ? t("analytics.plans.targets.company") : (names[plan.target].get(plan.targetId ?? 0) ?? "—"));
}
