import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Viewer } from "@/lib/permissions";

export async function unreadCount(db: Db, viewer: Pick<Viewer, "orgId" | "id">): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.orgId, viewer.orgId), eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

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
    .where(and(eq(notifications.orgId, viewer.orgId), eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
}
