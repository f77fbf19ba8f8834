import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals, orgs, pipelines, rolePermissions, salesPlans, stages, webForms } from "@/db/schema";
import { defaultStages } from "@/db/seed-data";
import { ActionError } from "@/lib/actions/errors";
import { recordStageChangeOfAll } from "@/lib/deals/stage-change";
import { announceDealChange } from "@/lib/live/deal-changes";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import type { RolePipelineSettings } from "@/lib/permissions/levels";
import { refuseIfTargetRequires } from "./stages";

/**
 * Pipelines (Settings → Pipelines, administrators): create, rename, reorder, choose the default,
 * delete (its deals moved first to a stage of another pipeline). Reports and plans are per pipeline.
 */

async function orgPipelines(db: Db, orgId: number) {
  return db.select().from(pipelines).where(eq(pipelines.orgId, orgId)).orderBy(asc(pipelines.sort), asc(pipelines.id)).for("update");
}

async function pipelineOf(db: Db, viewer: Viewer, id: number) {
  const [row] = await db.select().from(pipelines).where(and(eq(pipelines.orgId, viewer.orgId), eq(pipelines.id, id))).for("update");
  if (!row) throw new ActionError("notFound", "pipelines.gone");
  return row;
}

async function refuseDuplicateName(db: Db, orgId: number, name: string, except: number | null) {
  const [twin] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.orgId, orgId), sql`lower(${pipelines.name}) = lower(${name})`, except === null ? undefined : ne(pipelines.id, except)));
  if (twin) throw new ActionError("invalid", "pipelines.duplicateName", { name }, { name: "pipelines.duplicateNameShort" });
}

/**
 * A new pipeline with the reference's stages (named in the org's language), last in order. Each
 * role gets the rules it has on the default pipeline, its per-stage levels and allowed moves
 * carried over by stage code, so nobody gains or loses access by the new pipeline's arrival.
 */
export async function createPipeline(db: Db, viewer: Viewer, name: string): Promise<number> {
  requireSetUp(viewer);
  const existing = await orgPipelines(db, viewer.orgId);
  await refuseDuplicateName(db, viewer.orgId, name, null);
  const [org] = await db.select({ locale: orgs.defaultLocale }).from(orgs).where(eq(orgs.id, viewer.orgId));
  const lang = org?.locale === "en" ? "en" : "vi";
  const sort = Math.max(0, ...existing.map((p) => p.sort)) + 10;
  const [pipeline] = await db.insert(pipelines).values({ orgId: viewer.orgId, name, sort, isDefault: existing.length === 0 }).returning({ id: pipelines.id });
  const created = await db
    .insert(stages)
    .values(defaultStages.map((st) => ({ orgId: viewer.orgId, pipelineId: pipeline!.id, code: st.code, name: st[lang], sort: st.sort, color: st.color, semantics: st.semantics, isSystem: st.system, rotDays: st.rotDays ?? null })))
    .returning({ id: stages.id, code: stages.code });
  const model = existing.find((p) => p.isDefault) ?? existing[0];
  if (model) {
    const modelStages = await db.select({ id: stages.id, code: stages.code }).from(stages).where(eq(stages.pipelineId, model.id));
    const newIdOf = new Map(modelStages.map((s) => [String(s.id), created.find((c) => c.code === s.code)?.id]));
    const rules = await db.select().from(rolePermissions).where(and(eq(rolePermissions.orgId, viewer.orgId), eq(rolePermissions.pipelineId, model.id)));
    if (rules.length) {
      await db.insert(rolePermissions).values(rules.map((r) => ({ orgId: viewer.orgId, roleId: r.roleId, pipelineId: pipeline!.id, settings: carryOver(r.settings, newIdOf) })));
    }
  }
  return pipeline!.id;
}

/** A role's rules for another pipeline: stage overrides and allowed moves follow the stages by code; stages without a match are dropped. */
export function carryOver(settings: RolePipelineSettings, newIdOf: Map<string, number | undefined>): RolePipelineSettings {
  const stageLevels = Object.fromEntries(Object.entries(settings.stageLevels).flatMap(([id, levels]) => (newIdOf.get(id) ? [[String(newIdOf.get(id)), levels]] : [])));
  const transitions = Array.isArray(settings.transitions) ? settings.transitions.flatMap((id) => (newIdOf.get(String(id)) ? [newIdOf.get(String(id))!] : [])) : settings.transitions;
  return { ...settings, stageLevels, transitions };
}

export async function renamePipeline(db: Db, viewer: Viewer, id: number, name: string): Promise<void> {
  requireSetUp(viewer);
  await pipelineOf(db, viewer, id);
  await refuseDuplicateName(db, viewer.orgId, name, id);
  await db.update(pipelines).set({ name }).where(and(eq(pipelines.orgId, viewer.orgId), eq(pipelines.id, id)));
}

/** One place up or down; the rest keep their order (renumbered 10, 20, 30…). */
export async function movePipeline(db: Db, viewer: Viewer, id: number, direction: "up" | "down"): Promise<void> {
  requireSetUp(viewer);
  const ordered = await orgPipelines(db, viewer.orgId);
  const i = ordered.findIndex((p) => p.id === id);
  if (i < 0) throw new ActionError("notFound", "pipelines.gone");
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= ordered.length) return;
  [ordered[i], ordered[j]] = [ordered[j]!, ordered[i]!];
  for (const [k, p] of ordered.entries()) await db.update(pipelines).set({ sort: (k + 1) * 10 }).where(eq(pipelines.id, p.id));
}

/** The pipeline new deals, the board and the list open in. */
export async function makeDefaultPipeline(db: Db, viewer: Viewer, id: number): Promise<void> {
  requireSetUp(viewer);
  await pipelineOf(db, viewer, id);
  await db.update(pipelines).set({ isDefault: sql`${pipelines.id} = ${id}` }).where(eq(pipelines.orgId, viewer.orgId));
}

/**
 * Deletes a pipeline that is not the default: its deals first move to `moveToStageId` (a stage of
 * another pipeline), each with its history ("pipeline changed") and event, checked against what
 * the stage requires; its robots, triggers, layouts, rules and plans go with it. A web form that
 * puts deals into it must be changed first.
 */
export async function deletePipeline(db: Db, viewer: Viewer, id: number, moveToStageId: number | null, now = new Date()): Promise<void> {
  requireSetUp(viewer);
  const pipeline = await pipelineOf(db, viewer, id);
  if (pipeline.isDefault) throw new ActionError("invalid", "pipelines.isDefault", { name: pipeline.name });
  const [form] = await db.select({ name: webForms.name }).from(webForms).where(and(eq(webForms.orgId, viewer.orgId), eq(webForms.pipelineId, id))).limit(1);
  if (form) throw new ActionError("invalid", "pipelines.webForm", { form: form.name });
  const own = await db.select().from(stages).where(and(eq(stages.orgId, viewer.orgId), eq(stages.pipelineId, id)));
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(deals).where(and(eq(deals.orgId, viewer.orgId), eq(deals.pipelineId, id)));
  if (n > 0) {
    if (moveToStageId === null) throw new ActionError("invalid", "pipelines.chooseTarget", { count: n }, { moveTo: "errors.required" });
    const [target] = await db.select().from(stages).where(and(eq(stages.orgId, viewer.orgId), eq(stages.id, moveToStageId)));
    if (!target || target.pipelineId === id) throw new ActionError("invalid", "pipelines.badTarget", undefined, { moveTo: "errors.unknownOption" });
    for (const stage of own) await refuseIfTargetRequires(db, viewer.orgId, stage.id, target);
    // The lock order (lib/deals/locks.ts): the moving deals' rows in ascending id, before the set-based writes.
    await db.execute(sql`select id from deals where org_id = ${viewer.orgId} and pipeline_id = ${id} order by id for update`);
    for (const stage of own) await recordStageChangeOfAll(db, viewer, stage, target, now);
    await announceDealChange(db, viewer.orgId, [target.id]);
  }
  await db.delete(salesPlans).where(and(eq(salesPlans.orgId, viewer.orgId), eq(salesPlans.target, "pipeline"), eq(salesPlans.targetId, id)));
  await db.delete(pipelines).where(and(eq(pipelines.orgId, viewer.orgId), eq(pipelines.id, id)));
}

