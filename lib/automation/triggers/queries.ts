import "server-only";
import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, deals, stages } from "@/db/schema";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { Translate } from "@/lib/i18n/translate";
import { amountsHidden, dealScope, type Viewer } from "@/lib/permissions";
import type { PipelineWithStages } from "@/lib/org/queries";
import { amountKeys, conditionStandardFields, customKey, watchableStandardFields } from "./kinds";
import { fieldLabel } from "./labels";
import { webFormsOfPipeline } from "./web-forms/service";

/** What the trigger editor's selects offer for a pipeline, as the viewer (the author-to-be) may name them. */
export async function triggerEditorOptions(db: Db, viewer: Viewer, pipeline: PipelineWithStages, t: Translate) {
  const custom = await getFieldDefinitions(db, viewer);
  const labels = new Map(custom.map((f) => [f.code, f.label]));
  const hidden = amountsHidden(viewer, pipeline.id);
  const options = (keys: readonly string[]) => [
    ...keys.filter((k) => !(hidden && amountKeys.includes(k))).map((k) => ({ value: k, label: fieldLabel(k, t, labels) })),
    ...custom.map((f) => ({ value: customKey(f.code), label: f.label })),
  ];
  const forms = await webFormsOfPipeline(db, viewer.orgId, pipeline.id);
  return {
    stages: pipeline.stages.map((s) => ({ value: String(s.id), label: s.name })),
    watchFields: options(watchableStandardFields),
    conditionFields: options(conditionStandardFields),
    forms: forms.map((f) => ({ value: String(f.id), label: f.name })),
    labels,
  };
}

/** The pipeline's latest trigger firings on deals the viewer may read (the log's full view is the automation log's). */
export async function recentFirings(db: Db, viewer: Viewer, pipelineId: number, limit = 20) {
  const stageIds = db.select({ id: stages.id }).from(stages).where(and(eq(stages.orgId, viewer.orgId), eq(stages.pipelineId, pipelineId)));
  return db
    .select({ id: automationRuns.id, name: automationRuns.name, status: automationRuns.status, detail: automationRuns.detail, at: automationRuns.createdAt, dealId: deals.id, dealTitle: deals.title })
    .from(automationRuns)
    .innerJoin(deals, eq(deals.id, automationRuns.dealId))
    .where(and(eq(automationRuns.orgId, viewer.orgId), isNotNull(automationRuns.triggerId), inArray(automationRuns.stageId, stageIds), dealScope(viewer, "READ")))
    .orderBy(desc(automationRuns.id))
    .limit(limit);
}
