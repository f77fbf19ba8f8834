import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, deals } from "@/db/schema";
import { dealScope, type Viewer } from "@/lib/permissions";

export const activityGroups = ["overdue", "today", "week", "later"] as const;
export type ActivityGroup = (typeof activityGroups)[number];

/**
 * A person's open activities for "My activities", grouped by deadline in the org's calendar:
 * overdue, today, the rest of this week (Monday to Sunday), later. Only on deals the viewer may read.
 */
export async function openActivitiesOf(db: Db, viewer: Viewer, userId: number, timeZone: string, perGroup = 200) {
  const local = sql`(now() at time zone ${timeZone})`;
  const endOfToday = sql`((${local})::date + 1)::timestamp at time zone ${timeZone}`;
  const endOfWeek = sql`(date_trunc('week', ${local})::date + 7)::timestamp at time zone ${timeZone}`;
  const bounds: Record<ActivityGroup, SQL> = {
    overdue: sql`${activities.deadline} < now()`,
    today: sql`${activities.deadline} >= now() and ${activities.deadline} < ${endOfToday}`,
    week: sql`${activities.deadline} >= ${endOfToday} and ${activities.deadline} < ${endOfWeek}`,
    later: sql`${activities.deadline} >= greatest(${endOfWeek}, ${endOfToday})`,
  };
  const read = (group: ActivityGroup) =>
    db
      .select({ activity: activities, dealTitle: deals.title })
      .from(activities)
      .innerJoin(deals, and(eq(deals.id, activities.dealId), eq(deals.orgId, activities.orgId)))
      .where(and(eq(activities.orgId, viewer.orgId), eq(activities.responsibleId, userId), eq(activities.completed, false), bounds[group], dealScope(viewer, "READ")))
      .orderBy(asc(activities.deadline), asc(activities.id))
      .limit(perGroup);
  const [overdue, today, week, later] = await Promise.all(activityGroups.map(read));
  return { overdue: overdue!, today: today!, week: week!, later: later! };
}
