import "server-only";
import { cache } from "react";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import type { ViewerWithOrg } from "@/lib/auth/viewer";
import { countersStatement, type Counters } from "./counters";
import { unreadCondition } from "./notifications";

/**
 * The signed-in user's counters and unread notifications (of deals they may still read): one
 * statement, read once per request (the navigation on every page and the list or board share it).
 */
const viewerBadges = cache(async (viewer: ViewerWithOrg): Promise<Counters & { unread: number }> => {
  const unread = sql`(select count(*)::int from notifications where ${unreadCondition(viewer)})`;
  const [row] = await queryRows<Record<string, number>>(await getDb(), countersStatement(viewer, viewer.id, viewer.org.timezone, sql`, ${unread} as unread`));
  return { overdue: Number(row?.overdue ?? 0), pending: Number(row?.pending ?? 0), idle: Number(row?.idle ?? 0), incoming: Number(row?.incoming ?? 0), unread: Number(row?.unread ?? 0) };
});

export const viewerCounters = async (viewer: ViewerWithOrg): Promise<Counters> => {
  const { unread, ...counters } = await viewerBadges(viewer);
  void unread;
  return counters;
};
export const viewerUnread = async (viewer: ViewerWithOrg): Promise<number> => (await viewerBadges(viewer)).unread;
