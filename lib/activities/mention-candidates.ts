import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals } from "@/db/schema";
import { getUsers } from "@/lib/org/queries";
import { dealScope, type Viewer } from "@/lib/permissions";
import { readersAmong } from "@/lib/permissions/readers";
import { matchesMention } from "./mentions";

export const MENTION_OFFERS = 6;
/** How many name matches are checked against the rule for one keystroke's offers. */
const CHECKED = 24;

/**
 * The colleagues the comment box offers for "@typed" on a deal: only people who may read it (a
 * mention notifies them with the deal's title and the comment). null: no such deal for the viewer.
 */
export async function mentionCandidates(db: Db, viewer: Viewer, dealId: number, typed: string): Promise<{ id: number; name: string }[] | null> {
  const [deal] = await db
    .select({ id: deals.id, orgId: deals.orgId, pipelineId: deals.pipelineId, stageId: deals.stageId, assignedById: deals.assignedById, opened: deals.opened })
    .from(deals)
    .where(and(eq(deals.id, dealId), dealScope(viewer, "READ")));
  if (!deal) return null;
  const matching = (await getUsers(db, viewer.orgId)).filter((u) => u.id !== viewer.id && matchesMention(u.name, typed)).slice(0, CHECKED);
  const readers = new Set(await readersAmong(db, deal, matching.map((u) => u.id)));
  return matching
    .filter((u) => readers.has(u.id))
    .slice(0, MENTION_OFFERS)
    .map(({ id, name }) => ({ id, name }));
}
