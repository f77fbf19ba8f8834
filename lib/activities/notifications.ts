import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Viewer } from "@/lib/permissions";

/** A user's unread notifications: what the bell counts and "mark all as read" reads. */
export const unreadOf = (orgId: number, userId: number) => and(eq(notifications.orgId, orgId), eq(notifications.userId, userId), isNull(notifications.readAt));

export async function recentNotifications(db: Db, viewer: Pick<Viewer, "orgId" | "id">, limit = 50) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, viewer.orgId), eq(notifications.userId, viewer.id)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function markAllRead(db: Db, viewer: Pick<Viewer, "orgId" | "id">): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(unreadOf(viewer.orgId, viewer.id));
}
