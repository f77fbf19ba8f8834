import "server-only";
import { and, asc, desc, eq, lt, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { ActionError } from "@/lib/actions/errors";
import { can, type DealAccessFacts, type Viewer } from "@/lib/permissions";
import { activities, dealEvents, users } from "@/db/schema";

/**
 * The card's timeline: open activities pinned on top (earliest deadline first), then one stream,
 * newest first, of completed activities, comments and the deal's changes (stage moves included).
 * `historyOnly`: the History tab, changes alone (no activities, no comments).
 * The stream is read a page at a time: `before` (the time of the last entry shown) gives the older ones.
 * The deal is one the caller read (its facts and observers); the rule is applied to it again here,
 * in memory, so no caller can hand over a deal id the viewer may not read.
 */
export async function getTimeline(
  db: Db,
  viewer: Viewer,
  deal: DealAccessFacts & { id: number },
  { limit = 50, before = null, historyOnly = false }: { limit?: number; before?: Date | null; historyOnly?: boolean } = {},
) {
  if (!can(viewer, "READ", deal)) throw new ActionError("notFound", "errors.notFound");
  const { orgId } = viewer;
  const dealId = deal.id;
  const responsible = alias(users, "responsible");
  const doneBy = alias(users, "done_by");
  const activityColumns = {
    activity: activities,
    responsibleName: responsible.name,
    completedByName: doneBy.name,
    overdue: sql<boolean>`not ${activities.completed} and ${activities.deadline} < now()`,
  };
  const ofDeal = and(eq(activities.orgId, orgId), eq(activities.dealId, dealId));
  const readActivities = (where: SQL | undefined) =>
    db
      .select(activityColumns)
      .from(activities)
      .innerJoin(responsible, eq(responsible.id, activities.responsibleId))
      .leftJoin(doneBy, eq(doneBy.id, activities.completedById))
      .where(and(ofDeal, where));
  // The History tab needs no activities: those reads are not made at all.
  const [planned, completed, events] = await Promise.all([
    historyOnly ? [] : readActivities(eq(activities.completed, false)).orderBy(asc(activities.deadline), asc(activities.id)),
    historyOnly
      ? []
      : readActivities(and(eq(activities.completed, true), before ? lt(activities.completedAt, before) : undefined))
          .orderBy(desc(activities.completedAt), desc(activities.id))
          .limit(limit + 1),
    db
      .select({ event: dealEvents, userName: users.name })
      .from(dealEvents)
      .leftJoin(users, eq(users.id, dealEvents.userId))
      .where(and(eq(dealEvents.orgId, orgId), eq(dealEvents.dealId, dealId), before ? lt(dealEvents.at, before) : undefined, historyOnly ? ne(dealEvents.kind, "comment") : undefined))
      .orderBy(desc(dealEvents.at), desc(dealEvents.id))
      .limit(limit + 1),
  ]);
  type Done = (typeof completed)[number];
  type Event = (typeof events)[number];
  const stream: ({ kind: "activity"; at: Date; item: Done } | { kind: "event"; at: Date; item: Event })[] = [
    ...completed.map((item) => ({ kind: "activity" as const, at: item.activity.completedAt ?? item.activity.updatedAt, item })),
    ...events.map((item) => ({ kind: "event" as const, at: item.event.at, item })),
  ];
  stream.sort((a, b) => b.at.getTime() - a.at.getTime());
  const page = stream.slice(0, limit);
  // More when either source had more than a page, or the merge left some out.
  const older = stream.length > limit ? page[page.length - 1]!.at : null;
  return { planned, stream: page, older };
}
export type Timeline = Awaited<ReturnType<typeof getTimeline>>;
