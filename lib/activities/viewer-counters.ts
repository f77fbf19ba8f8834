import "server-only";
import { cache } from "react";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { notifications } from "@/db/schema";
import { countersStatement, type Counters } from "./counters";
import { unreadOf } from "./notifications";

/**
 * The signed-in user's counters and unread notifications: one statement, read once per request
 * (the navigation on every page and the list or board share it).
 */
const viewerBadges = cache(async (orgId: number, userId: number, timeZone: string): Promise<Counters & { unread: number }> => {
  const unread = sql`(select count(*)::int from ${notifications} where ${unreadOf(orgId, userId)})`;
  const [row] = await queryRows<Record<string, number>>(await getDb(), countersStatement(orgId, userId, timeZone, sql`, ${unread} as unread`));
  return { overdue: Number(row?.overdue ?? 0), pending: Number(row?.pending ?? 0), idle: Number(row?.idle ?? 0), incoming: Number(row?.incoming ?? 0), unread: Number(row?.unread ?? 0) };
});

export const viewerCounters = async (orgId: number, userId: number, timeZone: string): Promise<Counters> => {
  const { unread, ...counters } = await viewerBadges(orgId, userId, timeZone);
  void unread;
  return counters;
};
export const viewerUnread = async (orgId: number, userId: number, timeZone: string): Promise<number> => (await viewerBadges(orgId, userId, timeZone)).unread;
