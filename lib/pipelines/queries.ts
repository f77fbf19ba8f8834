import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals, stageRequiredFields, stages } from "@/db/schema";

/** How many deals each stage of a pipeline holds (all of them: for administrators deleting a stage). */
export async function dealsPerStage(db: Db, orgId: number, pipelineId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ stageId: deals.stageId, n: sql<number>`count(*)::int` })
    .from(deals)
    .where(and(eq(deals.orgId, orgId), eq(deals.pipelineId, pipelineId)))
    .groupBy(deals.stageId);
  return new Map(rows.map((r) => [r.stageId, r.n]));
}

/** The fields each stage of a pipeline requires. */
export async function requiredPerStage(db: Db, orgId: number, pipelineId: number): Promise<Map<number, string[]>> {
  const rows = await db
    .select({ stageId: stageRequiredFields.stageId, field: stageRequiredFields.field })
    .from(stageRequiredFields)
    .innerJoin(stages, eq(stages.id, stageRequiredFields.stageId))
    .where(and(eq(stageRequiredFields.orgId, orgId), eq(stages.pipelineId, pipelineId)));
  const result = new Map<number, string[]>();
  for (const r of rows) result.set(r.stageId, [...(result.get(r.stageId) ?? []), r.field]);
  return result;
}

/** How many deals each pipeline holds (the administrators' pipeline settings). */
export async function dealsPerPipeline(db: Db, orgId: number): Promise<Map<number, number>> {
  const rows = await db.select({ id: deals.pipelineId, n: sql<number>`count(*)::int` }).from(deals).where(eq(deals.orgId, orgId)).groupBy(deals.pipelineId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** A pipeline's stages in board order, as the card's stage bar shows them. */
export async function pipelineStages(db: Db, orgId: number, pipelineId: number) {
  return db
    .select({ id: stages.id, name: stages.name, color: stages.color, semantics: stages.semantics })
    .from(stages)
    .where(and(eq(stages.orgId, orgId), eq(stages.pipelineId, pipelineId)))
    .orderBy(asc(stages.sort), asc(stages.id));
}
