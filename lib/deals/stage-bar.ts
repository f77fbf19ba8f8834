import "server-only";
import type { Db } from "@/db/client";
import { getDealFormOptions } from "@/lib/org/queries";
import { pipelineStages } from "@/lib/pipelines/queries";
import type { Viewer } from "@/lib/permissions";
import { moveNeeds, moveOptions } from "./required/move-options";

/**
 * What the card's stage bar shows: the deal's pipeline's stages, and — for someone who may move
 * the deal — what a stage's "fill in what it requires" form picks from.
 */
export async function stageBarOf(db: Db, viewer: Viewer, deal: { pipelineId: number; companyId: number | null }, mayMove: boolean) {
  const [stages, needs] = await Promise.all([pipelineStages(db, viewer.orgId, deal.pipelineId), mayMove ? moveNeeds(db, viewer, deal.pipelineId) : null]);
  if (!needs) return { stages, options: { customFields: [], users: [], clients: { companies: [], contacts: [] } } };
  const picks = needs.clientsNeeded || needs.usersNeeded ? await getDealFormOptions(db, viewer.orgId, undefined, { companyIds: deal.companyId ? [deal.companyId] : [] }, { clients: needs.clientsNeeded }) : null;
  return { stages, options: moveOptions(needs, picks) };
}
