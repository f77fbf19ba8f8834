import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { dealScope, type Viewer } from "@/lib/permissions";
import { queryRows, type Db } from "@/db/client";
import { deals } from "@/db/schema";

/**
 * The four counters of a responsible, per deal (the number a badge shows is the number of rows its
 * filter lists). A deal in its earliest open activity's terms:
 *   OVERDUE  – the earliest open deadline has passed;
 *   PENDING  – the earliest open deadline is later today (the org's calendar day);
 *   IDLE     – in progress with no open activity at all;
 *   INCOMING – has incoming calls or e-mails not yet processed (completed).
 * They read columns the activities trigger keeps (migration 0012), so each is one index range.
 */
export const counterKinds = ["overdue", "pending", "idle", "incoming"] as const;
export type CounterKind = (typeof counterKinds)[number];
export type Counters = Record<CounterKind, number>;

/** The end of today in the org's zone, computed by PostgreSQL (daylight saving included). */
const endOfToday = (timeZone: string) => sql`(((now() at time zone ${timeZone})::date + 1)::timestamp at time zone ${timeZone})`;

/** The one definition of each counter as a condition on deals: the badge counts it, the list filters by it. */
export function counterCondition(kind: CounterKind, timeZone: string): SQL {
  switch (kind) {
    case "overdue":
      return sql`(${deals.nextDeadline} is not null and ${deals.nextDeadline} < now())`;
    case "pending":
      return sql`(${deals.nextDeadline} is not null and ${deals.nextDeadline} >= now() and ${deals.nextDeadline} < ${endOfToday(timeZone)})`;
    case "idle":
      return sql`(${deals.stageSemantics} = 'P' and ${deals.openActivities} = 0)`;
    case "incoming":
      return sql`(${deals.incomingOpen} > 0)`;
  }
}

/**
 * The four counts of a responsible's deals as one select (`extra`: more columns for the same
 * round trip), as the viewer may read them: a badge's number is the number of rows its link
 * (the list filtered by responsible and counter) shows this viewer, the one permission rule
 * applied to both. Looking at one's own counters, that leaves out only deals at stages where
 * one's role may not read at all.
 */
export function countersStatement(viewer: Viewer, userId: number, timeZone: string, extra: SQL = sql``): SQL {
  const mine = and(dealScope(viewer, "READ"), eq(deals.assignedById, userId));
  const count = (kind: CounterKind) => sql`(select count(*)::int from ${deals} where ${mine} and ${counterCondition(kind, timeZone)})`;
  return sql`select ${count("overdue")} as overdue, ${count("pending")} as pending, ${count("idle")} as idle, ${count("incoming")} as incoming${extra}`;
}

export async function countersFor(db: Db, viewer: Viewer, userId: number, timeZone: string): Promise<Counters> {
  const [row] = await queryRows<Counters>(db, countersStatement(viewer, userId, timeZone));
  return { overdue: Number(row?.overdue ?? 0), pending: Number(row?.pending ?? 0), idle: Number(row?.idle ?? 0), incoming: Number(row?.incoming ?? 0) };
}

/**
 * Whose counters (and activities) a viewer may look at: their own; an administrator anyone's; a
 * department head those of the people in the departments they head and all below.
 */
export async function activityViewableUserIds(db: Db, viewer: { id: number; orgId: number; isAdmin: boolean }): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with recursive headed as (
          select id from departments where org_id = ${viewer.orgId} and head_user_id = ${viewer.id}
          union select d.id from departments d join headed h on d.parent_id = h.id
        )
        select u.id from users u where u.org_id = ${viewer.orgId}
          and (u.id = ${viewer.id} or ${viewer.isAdmin} or u.department_id in (select id from headed))`,
  );
  return rows.map((r) => Number(r.id));
}
