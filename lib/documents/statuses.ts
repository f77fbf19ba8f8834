import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documentStatuses, documents, type DocumentKind } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import type { CustomStatus } from "./status-set";

/** The statuses the org's administrators added, every kind. */
export async function customStatuses(db: Db, orgId: number): Promise<CustomStatus[]> {
  return db
    .select({ id: documentStatuses.id, kind: documentStatuses.kind, name: documentStatuses.name, semantics: documentStatuses.semantics, sort: documentStatuses.sort, color: documentStatuses.color })
    .from(documentStatuses)
    .where(eq(documentStatuses.orgId, orgId))
    .orderBy(asc(documentStatuses.sort), asc(documentStatuses.id));
}

export type StatusInput = { kind: DocumentKind; name: string; semantics: "P" | "F"; sort: number; color: string };

/**
 * Adds or changes a status (administrators). In progress sits between the first statuses and the
 * success (sort 30–799), a failure after it (1001–1999), so the order always reads as the
 * reference's: waiting, then won, then lost.
 */
export async function saveStatus(db: Db, viewer: Viewer, id: number | null, input: StatusInput): Promise<number> {
  requireSetUp(viewer);
  const sort = input.semantics === "P" ? Math.min(799, Math.max(30, input.sort)) : Math.min(1999, Math.max(1001, input.sort));
  if (id === null) {
    const [row] = await db.insert(documentStatuses).values({ orgId: viewer.orgId, ...input, sort }).returning({ id: documentStatuses.id });
    return row!.id;
  }
  const [row] = await db
    .update(documentStatuses)
    .set({ name: input.name, semantics: input.semantics, sort, color: input.color })
    .where(and(eq(documentStatuses.orgId, viewer.orgId), eq(documentStatuses.id, id), eq(documentStatuses.kind, input.kind)))
    .returning({ id: documentStatuses.id });
  if (!row) throw new ActionError("notFound", "errors.notFound");
  return row.id;
}

/** Removes an added status no document holds (those keep it: move them first). */
export async function deleteStatus(db: Db, viewer: Viewer, id: number): Promise<void> {
  requireSetUp(viewer);
  const [used] = await db.select({ n: sql<number>`1` }).from(documents).where(and(eq(documents.orgId, viewer.orgId), eq(documents.status, `c${id}`))).limit(1);
  if (used) throw new ActionError("invalid", "documents.statusSettings.inUse");
  const [row] = await db.delete(documentStatuses).where(and(eq(documentStatuses.orgId, viewer.orgId), eq(documentStatuses.id, id))).returning({ id: documentStatuses.id });
  if (!row) throw new ActionError("notFound", "errors.notFound");
}
