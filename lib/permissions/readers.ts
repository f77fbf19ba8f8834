import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealObservers, users } from "@/db/schema";
import { can, type DealAccessFacts, type Viewer } from "./index";
import { loadAccess } from "./load";

/**
 * Which of these users may read the deal, by the one rule: who may be notified about it,
 * mentioned on it or given a task on it. Inactive users and users of another org never may.
 * Each candidate's permissions are loaded (one round trip each), so callers pass a few.
 */
export async function readersAmong(db: Db, deal: DealAccessFacts & { id: number }, userIds: readonly number[]): Promise<number[]> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return [];
  const [people, observers] = await Promise.all([
    db
      .select({ id: users.id, orgId: users.orgId, name: users.name, isAdmin: users.isAdmin, departmentId: users.departmentId })
      .from(users)
      .where(and(eq(users.orgId, deal.orgId), eq(users.active, true), inArray(users.id, wanted))),
    deal.observerIds ? Promise.resolve(null) : db.select({ id: dealObservers.userId }).from(dealObservers).where(and(eq(dealObservers.orgId, deal.orgId), eq(dealObservers.dealId, deal.id))),
  ]);
  const facts = { ...deal, observerIds: deal.observerIds ?? observers!.map((o) => o.id) };
  const readers: number[] = [];
  for (const person of people) {
    const viewer: Viewer = { ...person, access: await loadAccess(db, person) };
    if (can(viewer, "READ", facts)) readers.push(person.id);
  }
  return wanted.filter((id) => readers.includes(id));
}
