import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { BoardContext } from "@/lib/board/column-totals";
import type { PipelineWithStages } from "@/lib/org/queries";
import { addDecimals } from "@/lib/money/money";
import type { Viewer } from "@/lib/permissions";
import { subtree } from "@/lib/permissions/load";
import { reachedListHref } from "./drill-down";
import { planSpan } from "./plan-period";
import type { Plan } from "./plans";
import type { Period } from "./period";
import { reachFigures, type ReportStage, type StageFigure } from "./reach";
import type { Department, Person } from "./report";

export type PlanProgress = Plan & {
  span: Period;
  /** Won revenue (base currency) or won deals in the plan's period; null where amounts are hidden from the viewer. */
  actual: string | null;
  percent: number | null;
  /** The deal list of exactly the deals counted. */
  href: string;
};

export type PlanWorld = { pipelines: PipelineWithStages[]; people: Person[]; departments: Department[]; context: BoardContext };

/** Who a plan's figure counts: its responsibles (null: everyone) and its pipelines. */
function planScope(plan: Plan, world: PlanWorld): { responsibleIds: number[] | null; pipelineIds: number[] } {
  const all = world.pipelines.map((p) => p.id);
  switch (plan.target) {
    case "company":
      return { responsibleIds: null, pipelineIds: all };
    case "pipeline":
      return { responsibleIds: null, pipelineIds: all.filter((id) => id === plan.targetId) };
    case "employee":
      return { responsibleIds: [plan.targetId ?? 0], pipelineIds: all };
    case "department": {
      const ids = new Set(subtree(world.departments, plan.targetId ?? 0));
      return { responsibleIds: world.people.filter((p) => p.departmentId !== null && ids.has(p.departmentId)).map((p) => p.id), pipelineIds: all };
    }
  }
}

/**
 * Each plan's progress: the deals won in its period (reached a success stage then, still there),
 * over the deals the viewer may read, in one query for all the plans (grouped by month,
 * responsible and stage, then summed per plan).
 */
export async function plansProgress(db: Db, viewer: Viewer, plans: Plan[], world: PlanWorld): Promise<PlanProgress[]> {
  if (plans.length === 0) return [];
  const spans = plans.map((p) => planSpan(p.period, p.periodStart));
  const span = { from: spans.map((s) => s.from).sort()[0]!, to: spans.map((s) => s.to).sort().at(-1)! };
  const won: ReportStage[] = world.pipelines.flatMap((p) => p.stages.filter((s) => s.semantics === "S").map((s) => ({ id: s.id, pipelineId: p.id, semantics: s.semantics })));
  // Read only the people the plans count, unless one counts everyone (the company's, a pipeline's).
  const scopes = plans.map((plan) => planScope(plan, world));
  const responsibleIds = scopes.some((x) => x.responsibleIds === null) ? null : [...new Set(scopes.flatMap((x) => x.responsibleIds!))];
  const figures = await reachFigures(db, viewer, span, { pipelineIds: world.pipelines.map((p) => p.id), responsibleIds }, won, world.context, sql`month || '/' || assigned_by_id || '/' || stage_id`);
  const groups = [...figures].map(([key, figure]) => {
    const [month, person, stage] = key.split("/");
    return { month: month!, person: Number(person), pipelineId: won.find((s) => s.id === Number(stage))?.pipelineId ?? 0, figure };
  });
  return plans.map((plan, i) => {
    const within = spans[i]!;
    const { responsibleIds, pipelineIds } = scopes[i]!;
    const counted = groups.filter((g) => g.month >= within.from && g.month < within.to && pipelineIds.includes(g.pipelineId) && (responsibleIds === null || responsibleIds.includes(g.person)));
    const actual = plan.metric === "deals" ? String(counted.reduce((n, g) => n + g.figure.count, 0)) : sumOf(counted.map((g) => g.figure));
    const percent = actual === null ? null : Math.round((Number(actual) / Number(plan.goal)) * 1000) / 10;
    const stageIds = won.filter((s) => pipelineIds.includes(s.pipelineId)).map((s) => s.id);
    const departmentId = plan.target === "department" ? plan.targetId : null;
    const href = reachedListHref({ pipelineIds, responsibleIds, departmentId }, plan.target === "pipeline" ? plan.targetId : null, stageIds, within);
    return { ...plan, span: within, actual, percent, href };
  });
}

/** The won amounts summed exactly; null if any is hidden. */
function sumOf(figures: StageFigure[]): string | null {
  let total = "0";
  for (const f of figures) {
    if (f.sum === null) return null;
    total = addDecimals(total, f.sum);
  }
  return total;
}
