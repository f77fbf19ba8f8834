import type { Viewer } from "@/lib/permissions";

/**
 * May the viewer configure the pipeline's triggers: the role's automation permission there, or an
 * administrator. (Written here until lib/permissions has one such check for robots and triggers.)
 */
export function mayConfigureTriggers(viewer: Viewer, pipelineId: number): boolean {
  return viewer.access.superuser || (viewer.access.pipelines[pipelineId]?.automation ?? false);
}

/** Pipelines among these whose triggers the viewer may configure. */
export function configurablePipelines<P extends { id: number }>(viewer: Viewer, pipelines: P[]): P[] {
  return pipelines.filter((p) => mayConfigureTriggers(viewer, p.id));
}
