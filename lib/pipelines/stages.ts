import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { deals, stages, type StageSemantics } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { requiredAt, setRequiredFields } from "@/lib/deals/required/service";
import { isStandardRequirable, type RequirableField, type StandardRequirableField } from "@/lib/deals/required/rule";
import { announceDealChange } from "@/lib/live/deal-changes";
import { recordStageChangeOfAll } from "@/lib/deals/stage-change";
import { requireSetUp, type Viewer } from "@/lib/permissions";

/**
 * Editing a pipeline's stages (the board's "edit stages", for administrators). The order is
 * in progress → success → failure; stages move only among their own kind. The first stage and
 * the success and failure stages the reference creates are system stages and stay.
 */

export type StageInput = { name: string; color: string; rotDays: number | null; required?: string[] };


const kindOrder: Record<StageSemantics, number> = { P: 0, S: 1, F: 2 };

async function pipelineStages(db: Db, orgId: number, pipelineId: number) {
  const rows = await db.select().from(stages).where(and(eq(stages.orgId, orgId), eq(stages.pipelineId, pipelineId))).orderBy(asc(stages.sort), asc(stages.id));
  return rows.sort((a, b) => kindOrder[a.semantics] - kindOrder[b.semantics] || a.sort - b.sort || a.id - b.id);
}

async function stageOf(db: Db, viewer: Viewer, stageId: number) {
  const [stage] = await db.select().from(stages).where(and(eq(stages.orgId, viewer.orgId), eq(stages.id, stageId))).for("update");
  if (!stage) throw new ActionError("notFound", "board.stageGone");
  return stage;
}

/** Sort values 10, 20, 30… in the given order: a handful of rows, so renumbering is simplest. */
async function renumber(db: Db, ordered: { id: number }[]) {
  for (const [i, s] of ordered.entries()) await db.update(stages).set({ sort: (i + 1) * 10 }).where(eq(stages.id, s.id));
}

export async function addStage(db: Db, viewer: Viewer, pipelineId: number, input: StageInput & { semantics: "P" | "F" }): Promise<number> {
  requireSetUp(viewer);
  const existing = await pipelineStages(db, viewer.orgId, pipelineId);
  if (existing.length === 0) throw new ActionError("notFound", "errors.notFound");
  if (existing.some((s) => s.name.toLowerCase() === input.name.toLowerCase())) throw new ActionError("invalid", "stages.duplicateName", { name: input.name });
  const code = `C${pipelineId}_${Date.now().toString(36).toUpperCase()}`;
  const [row] = await db
    .insert(stages)
    .values({ orgId: viewer.orgId, pipelineId, code, name: input.name, color: input.color, rotDays: input.rotDays, semantics: input.semantics, sort: 0 })
    .returning({ id: stages.id });
  // A new in-progress stage goes last among those in progress; a failure stage last of all.
  const lastOfKind = existing.findLastIndex((s) => s.semantics === input.semantics);
  const ordered = [...existing];
  ordered.splice(lastOfKind + 1, 0, { ...existing[0]!, id: row!.id, semantics: input.semantics });
  await renumber(db, ordered);
  return row!.id;
}

export async function updateStage(db: Db, viewer: Viewer, stageId: number, input: StageInput): Promise<void> {
  requireSetUp(viewer);
  const stage = await stageOf(db, viewer, stageId);
  const siblings = await pipelineStages(db, viewer.orgId, stage.pipelineId);
  if (siblings.some((s) => s.id !== stageId && s.name.toLowerCase() === input.name.toLowerCase())) throw new ActionError("invalid", "stages.duplicateName", { name: input.name });
  await db.update(stages).set({ name: input.name, color: input.color, rotDays: input.rotDays }).where(eq(stages.id, stageId));
  if (input.required) await setRequiredFields(db, viewer.orgId, stageId, input.required);
  await announceDealChange(db, viewer.orgId, [stageId]);
}

export async function moveStage(db: Db, viewer: Viewer, stageId: number, direction: "up" | "down"): Promise<void> {
  requireSetUp(viewer);
  const stage = await stageOf(db, viewer, stageId);
  const ordered = await pipelineStages(db, viewer.orgId, stage.pipelineId);
  const i = ordered.findIndex((s) => s.id === stageId);
  const j = direction === "up" ? i - 1 : i + 1;
  const other = ordered[j];
  // Only among stages of the same kind: an in-progress stage never passes the success stage.
  if (!other || other.semantics !== stage.semantics) return;
  [ordered[i], ordered[j]] = [other, ordered[i]!];
  await renumber(db, ordered);
}

/** What a required field's absence looks like in SQL, as lib/deals/required/rule.ts defines it. */
const standardMissingSql: Record<StandardRequirableField, SQL> = {
  amount: sql`d.amount = 0`,
  companyId: sql`d.company_id is null`,
  contactIds: sql`not exists (select 1 from deal_contacts dc where dc.deal_id = d.id)`,
  sourceId: sql`coalesce(d.source_id, '') = ''`,
  typeId: sql`coalesce(d.type_id, '') = ''`,
  probability: sql`d.probability is null`,
  sourceDescription: sql`coalesce(d.source_description, '') = ''`,
  comments: sql`coalesce(d.comments, '') = ''`,
};

const missingSql = (field: RequirableField): SQL => (isStandardRequirable(field) ? standardMissingSql[field] : sql`not (d.custom ? ${field})`);

/** Deals moved by a stage's deletion enter their new stage like any other move: with what it requires. */
export async function refuseIfTargetRequires(db: Db, orgId: number, fromStageId: number, target: { id: number; name: string }) {
  const required = await requiredAt(db, orgId, target.id);
  if (required.length === 0) return;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from deals d where d.org_id = ${orgId} and d.stage_id = ${fromStageId} and (${sql.join(required.map(missingSql), sql` or `)})`,
  );
  if (row && row.n > 0) throw new ActionError("invalid", "stages.targetRequires", { count: row.n, stage: target.name }, { moveTo: "errors.requiredAtStage" });
}

/**
 * Deletes a stage; its deals first move to another stage of the same pipeline, each with its
 * stage history and event, in one set-based statement per table.
 */
/** Returns the stage's pipeline. */
export async function deleteStage(db: Db, viewer: Viewer, stageId: number, moveToStageId: number | null, now = new Date()): Promise<number> {
  requireSetUp(viewer);
  const stage = await stageOf(db, viewer, stageId);
  if (stage.isSystem) throw new ActionError("invalid", "stages.systemStage", { stage: stage.name });
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(deals).where(and(eq(deals.orgId, viewer.orgId), eq(deals.stageId, stageId)));
  if (n > 0) {
    if (moveToStageId === null) throw new ActionError("invalid", "stages.chooseTarget", { count: n }, { moveTo: "errors.required" });
    const target = await stageOf(db, viewer, moveToStageId);
    if (target.pipelineId !== stage.pipelineId || target.id === stage.id) throw new ActionError("invalid", "stages.badTarget", undefined, { moveTo: "errors.unknownOption" });
    await refuseIfTargetRequires(db, viewer.orgId, stageId, target);
    // The lock order (lib/deals/locks.ts): the moving deals' rows in ascending id, before the set-based writes.
    await db.execute(sql`select id from deals where org_id = ${viewer.orgId} and stage_id = ${stageId} order by id for update`);
    await recordStageChangeOfAll(db, viewer, stage, target, now);
  }
  await db.delete(stages).where(eq(stages.id, stageId));
  return stage.pipelineId;
}
