import "server-only";
import type { Db } from "@/db/client";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { Translate } from "@/lib/i18n/translate";
import { getPipelines, getUsers } from "@/lib/org/queries";
import { amountsHidden, mayConfigureAutomation, type Viewer } from "@/lib/permissions";
import { amountFields, conditionStandardFields, customFieldKey, fieldLabel, settableStandardFields, standardDateFields } from "./field-catalogue";
import type { RobotFormOptions } from "./robot-form";
import type { SummaryLookups } from "./summary";

/**
 * What the automation pages show around robots: the pipelines the viewer configures, the names
 * summaries use instead of ids and codes, and what the editor's selects offer for a pipeline.
 */
export async function automationContext(db: Db, viewer: Viewer, t: Translate) {
  const [pipelines, people, defs] = await Promise.all([getPipelines(db, viewer.orgId), getUsers(db, viewer.orgId), getFieldDefinitions(db, viewer)]);
  const customLabels = new Map(defs.map((d) => [d.code, d.label]));
  const lookups: SummaryLookups = {
    customLabels,
    stageNames: new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.name] as const))),
    userNames: new Map(people.map((u) => [u.id, u.name])),
  };
  const configurable = pipelines.filter((p) => mayConfigureAutomation(viewer, p.id));
  const option = (key: string) => ({ value: key, label: fieldLabel(key, t, customLabels) });

  /** The editor's choices for a robot of this pipeline (amount fields left out where the viewer's role hides amounts). */
  function formOptions(pipelineId: number): RobotFormOptions {
    const allowed = (key: string) => !(amountsHidden(viewer, pipelineId) && amountFields.includes(key));
    const custom = defs.filter((d) => d.type !== "file").map((d) => customFieldKey(d.code));
    return {
      users: people.map((u) => ({ value: String(u.id), label: u.name })),
      stages: (pipelines.find((p) => p.id === pipelineId)?.stages ?? []).map((s) => ({ value: String(s.id), label: s.name })),
      otherPipelines: pipelines.filter((p) => p.id !== pipelineId).map((p) => ({ name: p.name, stages: p.stages.map((s) => ({ value: String(s.id), label: s.name })) })),
      conditionFields: [...conditionStandardFields.filter(allowed), ...custom].map(option),
      settableFields: [...settableStandardFields.filter(allowed), ...custom].map(option),
      dateFields: [...standardDateFields, ...defs.filter((d) => d.type === "date" || d.type === "datetime").map((d) => customFieldKey(d.code))].map(option),
    };
  }
  return { pipelines, configurable, lookups, formOptions };
}
