import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { countersFor } from "./counters";
import { unreadCount } from "./notifications";

/** The signed-in user's counters and unread notifications, read once per request (the layout and the page share them). */
export const viewerCounters = cache(async (orgId: number, userId: number, timeZone: string) => countersFor(await getDb(), orgId, userId, timeZone));
export const viewerUnread = cache(async (orgId: number, userId: number) => unreadCount(await getDb(), { orgId, id: userId }));
