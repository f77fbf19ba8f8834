import "server-only";
import type { Db } from "@/db/client";
import { amountsHidden, type Viewer } from "@/lib/permissions";
import { buildFunnel, type Funnel } from "./funnel-math";
import { stageReach, type ReportStage } from "./reach";
import type { Report } from "./report";

export type PipelineFunnel = { pipelineId: number; name: string; amountsHidden: boolean; now: Funnel; before: Funnel | null };

/** The funnel of each reported pipeline for the period (and the previous one when comparing), in two queries. */
export async function loadFunnels(db: Db, viewer: Viewer, report: Report): Promise<PipelineFunnel[]> {
  const stages: ReportStage[] = report.reported.flatMap((p) => p.stages.map((s) => ({ id: s.id, pipelineId: p.id, semantics: s.semantics })));
  const [now, before] = await Promise.all([
    stageReach(db, viewer, report.period, report.filter, stages, report.context),
    report.previous ? stageReach(db, viewer, report.previous, report.filter, stages, report.context) : null,
  ]);
  return report.reported.map((p) => {
    const hidden = amountsHidden(viewer, p.id);
    const ordered = p.stages.map((s) => ({ id: s.id, name: s.name, color: s.color, semantics: s.semantics }));
    return { pipelineId: p.id, name: p.name, amountsHidden: hidden, now: buildFunnel(ordered, now, hidden), before: before ? buildFunnel(ordered, before, hidden) : null };
  });
}
