import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealObservers, users } from "@/db/schema";
import { can, type DealAccessFacts, type Viewer } from "./index";
import { loadAccess } from "./load";

/** These users as viewers (their permissions loaded, one round trip each), the active ones of the org only. */
export async function activeViewers(db: Db, orgId: number, userIds: readonly number[]): Promise<Map<number, Viewer>> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return new Map();
  const people = await db
    .select({ id: users.id, orgId: users.orgId, name: users.name, isAdmin: users.isAdmin, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.active, true), inArray(users.id, wanted)));
  const viewers = new Map<number, Viewer>();
  for (const person of people) viewers.set(person.id, { ...person, access: await loadAccess(db, person) });
  return viewers;
}

/**
 * Which of these users may read the deal, by the one rule: who may be notified about it,
 * mentioned on it or given a task on it. Inactive users and users of another org never may.
 * Each candidate's permissions are loaded (one round trip each), so callers pass a few.
 */
export async function readersAmong(db: Db, deal: DealAccessFacts & { id: number }, userIds: readonly number[]): Promise<number[]> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return [];
  const [viewers, observers] = await Promise.all([
    activeViewers(db, deal.orgId, wanted),
    deal.observerIds ? Promise.resolve(null) : db.select({ id: dealObservers.userId }).from(dealObservers).where(and(eq(dealObservers.orgId, deal.orgId), eq(dealObservers.dealId, deal.id))),
  ]);
  const facts = { ...deal, observerIds: deal.observerIds ?? observers!.map((o) => o.id) };
  return wanted.filter((id) => {
    const viewer = viewers.get(id);
    return viewer !== undefined && can(viewer, "READ", facts);
  });
}
