import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, deals, notifications } from "@/db/schema";
import { enqueueJobs, registerJobHandler } from "@/lib/jobs/queue";
import { readersAmong } from "@/lib/permissions/readers";

export const REMINDER_JOB = "activity.reminder";
/** The offsets a person picks from, in minutes before the deadline. */
export const reminderOffsets = [15, 60, 1440] as const;
/** What a new activity is reminded of unless the person chooses otherwise. */
export const DEFAULT_REMINDERS = [15] as const;

type Reminded = { id: number; orgId: number; deadline: Date; reminders: number[] };

const reminderKey = (activityId: number, minutes: number, deadline: Date) => `reminder:${activityId}:${minutes}:${deadline.toISOString()}`;

/**
 * One durable job per reminder, due at deadline − offset. A job made for an old deadline or a completed activity does nothing when
 * it runs, so an edit only has to add jobs for the new deadline.
 */
export async function scheduleReminders(db: Db, activity: Reminded | readonly Reminded[], now = new Date()): Promise<void> {
  const jobs = (Array.isArray(activity) ? activity : [activity as Reminded]).flatMap((one) => reminderJobs(one, now));
  await enqueueJobs(db, jobs);
}

function reminderJobs(activity: Reminded, now: Date) {
  if (activity.deadline.getTime() <= now.getTime()) return [];
  const dueAt = (minutes: number) => activity.deadline.getTime() - minutes * 60_000;
  // Of the moments already passed (an activity planned for in ten minutes), one reminder, at once.
  const passed = activity.reminders.filter((m) => dueAt(m) <= now.getTime());
  const chosen = [...activity.reminders.filter((m) => dueAt(m) > now.getTime()), ...(passed.length ? [Math.min(...passed)] : [])];
  return chosen.map((minutes) => ({
    type: REMINDER_JOB,
    orgId: activity.orgId,
    runAt: new Date(Math.max(dueAt(minutes), now.getTime())),
    dedupeKey: reminderKey(activity.id, minutes, activity.deadline),
    payload: { activityId: activity.id, minutes, deadline: activity.deadline.toISOString() },
  }));
}

/**
 * Delivers a reminder as an in-app notification to the activity's responsible, if they may still
 * read the deal (access may have changed since it was planned); running twice notifies once.
 */
export async function deliverReminder(db: Db, payload: { activityId: number; minutes: number; deadline: string }): Promise<"sent" | "skipped"> {
  const [row] = await db
    .select({ activity: activities, deal: { id: deals.id, orgId: deals.orgId, pipelineId: deals.pipelineId, stageId: deals.stageId, assignedById: deals.assignedById, opened: deals.opened, title: deals.title } })
    .from(activities)
    .innerJoin(deals, eq(deals.id, activities.dealId))
    .where(and(eq(activities.id, payload.activityId)));
  const activity = row?.activity;
  if (!activity || activity.completed || activity.deadline.toISOString() !== payload.deadline || !activity.reminders.includes(payload.minutes)) return "skipped";
  if ((await readersAmong(db, row.deal, [activity.responsibleId])).length === 0) return "skipped";
  await db
    .insert(notifications)
    .values({
      orgId: activity.orgId,
      userId: activity.responsibleId,
      kind: "reminder",
      dealId: activity.dealId,
      activityId: activity.id,
      data: { subject: activity.subject, deadline: payload.deadline, dealTitle: row.deal.title, type: activity.type },
      key: reminderKey(activity.id, payload.minutes, activity.deadline),
    })
    .onConflictDoNothing();
  return "sent";
}

export function registerReminderJob(): void {
  registerJobHandler(REMINDER_JOB, (job, db) =>
    deliverReminder(db, { activityId: Number(job.payload.activityId), minutes: Number(job.payload.minutes), deadline: String(job.payload.deadline) }),
  );
}
