import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealEvents, deals, users } from "@/db/schema";
import type { MessageKey } from "@/lib/i18n/translate";
import { announceDealChange } from "@/lib/live/deal-changes";
import { dealScope, type Viewer } from "@/lib/permissions";
import { onDealsChanged } from "@/lib/automation/triggers/detect";

/** The bulk changes that touch one plain field of the deal row and nothing else. */
export type FieldChange = { kind: "responsible"; assignedById: number } | { kind: "opened"; opened: boolean };
/** What a set-based bulk change did: changed, unchanged, and each refused deal with the reason. */
export type SetBasedOutcome = { changed: number; unchanged: number; refused: { id: number; reason: MessageKey; vars?: Record<string, string | number> }[] };

/**
 * Changes the responsible person or "open to everyone" of many deals in a few statements
 * instead of a dozen per deal, with the same rule the deal service applies one by one: a deal
 * the viewer may not read is "not found", one they may not change is refused, and handing a
 * deal over or hiding it needs the UPDATE level as if it were not open to everyone. Each change
 * is in the history, with the old value.
 */
export async function applyFieldChange(db: Db, viewer: Viewer, change: FieldChange, ids: number[], now = new Date()): Promise<SetBasedOutcome> {
  const outcome: SetBasedOutcome = { changed: 0, unchanged: 0, refused: [] };
  if (ids.length === 0) return outcome;
  if (change.kind === "responsible") {
    const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, viewer.orgId), eq(users.id, change.assignedById), eq(users.active, true)));
    if (!user) return { ...outcome, refused: ids.map((id) => ({ id, reason: "errors.unknownOption" })) };
  }
  const rows = await db
    .select({
      id: deals.id,
      stageId: deals.stageId,
      assignedById: deals.assignedById,
      opened: deals.opened,
      mayUpdate: sql<boolean>`(${dealScope(viewer, "UPDATE")})`,
      mayHandOver: sql<boolean>`(${dealScope(viewer, "UPDATE", { asIfClosed: true })})`,
    })
    .from(deals)
    .where(and(inArray(deals.id, ids), dealScope(viewer, "READ")))
    // Ascending: the lock order of lib/deals/locks.ts.
    .orderBy(asc(deals.id))
    .for("update");
  const found = new Map(rows.map((r) => [r.id, r]));
  const changing: typeof rows = [];
  for (const id of ids) {
    const row = found.get(id);
    if (!row) outcome.refused.push({ id, reason: "errors.notFound" });
    else if (!row.mayUpdate) outcome.refused.push({ id, reason: "errors.forbidden" });
    else if ((change.kind === "responsible" ? row.assignedById === change.assignedById : row.opened === change.opened)) outcome.unchanged++;
    else if (!row.mayHandOver) outcome.refused.push({ id, reason: "errors.takeOverForbidden" });
    else changing.push(row);
  }
  if (changing.length === 0) return outcome;
  const set = change.kind === "responsible" ? { assignedById: change.assignedById } : { opened: change.opened };
  await db
    .update(deals)
    .set({ ...set, updatedAt: now, modifiedById: viewer.id, version: sql`${deals.version} + 1` })
    .where(inArray(deals.id, changing.map((r) => r.id)));
  await db.insert(dealEvents).values(
    changing.map((r) => ({
      orgId: viewer.orgId,
      dealId: r.id,
      kind: "updated" as const,
      changes: change.kind === "responsible" ? [{ field: "assignedById", old: r.assignedById, new: change.assignedById }] : [{ field: "opened", old: r.opened, new: change.opened }],
      userId: viewer.id,
      at: now,
    })),
  );
  await onDealsChanged(db, viewer.orgId, changing.map((r) => ({ id: r.id, stageId: r.stageId, changes: [change.kind === "responsible" ? { field: "assignedById", old: r.assignedById, new: change.assignedById } : { field: "opened", old: r.opened, new: change.opened }] })));
  await announceDealChange(db, viewer.orgId, changing.map((r) => r.stageId));
  outcome.changed = changing.length;
  return outcome;
}
