import "server-only";
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals, notifications } from "@/db/schema";
import { dealScope, type Viewer } from "@/lib/permissions";

/**
 * A user's notifications they may still see: about no deal, or about a deal they may read now.
 * Access can change after a notification was made; one about a deal no longer readable is
 * neither shown nor counted (it names the deal and quotes the comment).
 */
function visibleTo(viewer: Viewer) {
  return and(
    eq(notifications.orgId, viewer.orgId),
    eq(notifications.userId, viewer.id),
    or(isNull(notifications.dealId), sql`exists (select 1 from ${deals} where ${deals.id} = ${notifications.dealId} and ${dealScope(viewer, "READ")})`),
  );
}

/** A user's unread notifications: what the bell counts. */
export const unreadCondition = (viewer: Viewer) => and(visibleTo(viewer), isNull(notifications.readAt));

export async function recentNotifications(db: Db, viewer: Viewer, limit = 50) {
  return db.select().from(notifications).where(visibleTo(viewer)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

/** "Mark all as read": every unread one, shown or not. */
export async function markAllRead(db: Db, viewer: Pick<Viewer, "orgId" | "id">): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.orgId, viewer.orgId), eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
}

/**
 * Opening one notification: it is marked read (once) and its deal's card is where it leads. Null
 * for another user's notification, one about a deal the viewer may no longer read, or none at all:
 * the caller answers 404, the same for each.
 */
export async function openNotification(db: Db, viewer: Viewer, id: number): Promise<{ dealId: number | null } | null> {
  const [found] = await db.select({ dealId: notifications.dealId, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), visibleTo(viewer)));
  if (!found) return null;
  if (!found.readAt) await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, id), eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
  return { dealId: found.dealId };
}
