import { mayConfigureAutomation, type Viewer } from "@/lib/permissions";

/** Pipelines among these whose triggers (like their robots) the viewer may configure. */
export function configurablePipelines<P extends { id: number }>(viewer: Viewer, pipelines: P[]): P[] {
  return pipelines.filter((p) => mayConfigureAutomation(viewer, p.id));
}
