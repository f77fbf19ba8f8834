import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activities, deals, users, type ActivityDirection, type ActivityType } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { announceDealChange } from "@/lib/live/deal-changes";
import { can, type DealAccessFacts, type Viewer } from "@/lib/permissions";
import { activeViewers } from "@/lib/permissions/readers";
import { lockDealForUpdate, lockDealsForUpdate } from "@/lib/deals/service";
import { scheduleReminders } from "./reminders";
import { onActivityCompleted } from "@/lib/automation/triggers/detect";

/**
 * Writing activities. Whoever may change a deal may plan, edit, complete and delete its activities;
 * the trigger of migration 0012 keeps the deal's counters columns, so nothing here counts.
 */

export type ActivityInput = {
  type: ActivityType;
  subject: string;
  description: string | null;
  deadline: Date;
  responsibleId: number;
  direction: ActivityDirection | null;
  reminders: number[];
};

const hasDirection = (type: ActivityType) => type === "call" || type === "email";

/** What the form sets on create and on edit alike; only calls and e-mails have a direction. */
function formColumns(input: ActivityInput) {
  const { type, subject, description, deadline, responsibleId, reminders } = input;
  return { type, subject, description, deadline, responsibleId, reminders, direction: hasDirection(type) ? input.direction : null };
}

/** The responsible must be an active colleague who may read the deal: their reminders name it. */
async function assertResponsible(db: Db, deal: DealAccessFacts & { id: number }, userId: number, keep?: number): Promise<void> {
  if (userId !== keep) await assertResponsibles(db, [{ deal, userId }]);
}

/** The same for many activities at once: each responsible's permissions are loaded once. */
async function assertResponsibles(db: Db, planned: { deal: DealAccessFacts & { id: number }; userId: number }[]): Promise<void> {
  if (planned.length === 0) return;
  const viewers = await activeViewers(db, planned[0]!.deal.orgId, planned.map((p) => p.userId));
  for (const { deal, userId } of planned) {
    const responsible = viewers.get(userId);
    if (!responsible) throw new ActionError("invalid", "errors.invalid", undefined, { responsibleId: "errors.unknownOption" });
    if (!can(responsible, "READ", deal)) throw new ActionError("invalid", "errors.invalid", undefined, { responsibleId: "activities.responsibleCannotRead" });
  }
}

/** The activity, locked, with its deal (locked first: the same order as every deal write). */
async function lockActivity(db: Db, viewer: Viewer, id: number, version?: number) {
  const [found] = await db
    .select({ dealId: activities.dealId })
    .from(activities)
    .where(and(eq(activities.orgId, viewer.orgId), eq(activities.id, id)));
  if (!found) throw new ActionError("notFound", "errors.notFound");
  const deal = await lockDealForUpdate(db, viewer, found.dealId);
  const [activity] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.orgId, viewer.orgId), eq(activities.id, id)))
    .for("update");
  if (!activity) throw new ActionError("notFound", "errors.notFound");
  if (version !== undefined && activity.version !== version) {
    const [by] = await db.select({ name: users.name }).from(users).where(eq(users.id, activity.modifiedById ?? activity.createdById ?? 0));
    throw new ActionError("stale", "activities.changedMeanwhile", { name: by?.name ?? "" });
  }
  return { activity, deal };
}

export async function createActivity(db: Db, viewer: Viewer, dealId: number, input: ActivityInput, now = new Date()): Promise<number> {
  return (await createActivities(db, viewer, [{ dealId, input }], now))[0]!;
}

/**
 * Plans activities on deals the viewer may change, a few statements for any number of them (a
 * robot's task for every deal a bulk move brought into its stage); the first refusal refuses all.
 * Returns the new activities' ids in the given order.
 */
export async function createActivities(db: Db, viewer: Viewer, planned: { dealId: number; input: ActivityInput }[], now = new Date()): Promise<number[]> {
  if (planned.length === 0) return [];
  const locked = await lockDealsForUpdate(db, viewer, planned.map((p) => p.dealId));
  await assertResponsibles(db, planned.map((p, i) => ({ deal: locked[i]!, userId: p.input.responsibleId })));
  const rows = await db
    .insert(activities)
    .values(planned.map(({ dealId, input }) => ({ orgId: viewer.orgId, dealId, ...formColumns(input), createdById: viewer.id, createdAt: now, updatedAt: now })))
    .returning({ id: activities.id });
  const dealIds = [...new Set(planned.map((p) => p.dealId))];
  await db.update(deals).set({ lastActivityAt: now }).where(inArray(deals.id, dealIds));
  await scheduleReminders(db, planned.map(({ input }, i) => ({ id: rows[i]!.id, orgId: viewer.orgId, deadline: input.deadline, reminders: input.reminders })), now);
  await announceDealChange(db, viewer.orgId, [...new Set(locked.map((deal) => deal.stageId))]);
  return rows.map((row) => row.id);
}

export async function updateActivity(db: Db, viewer: Viewer, id: number, version: number, input: ActivityInput, now = new Date()): Promise<void> {
  const { activity, deal } = await lockActivity(db, viewer, id, version);
  await assertResponsible(db, deal, input.responsibleId, activity.responsibleId);
  await db
    .update(activities)
    .set({
      ...formColumns(input),
      updatedAt: now,
      modifiedById: viewer.id,
      version: sql`${activities.version} + 1`,
    })
    .where(eq(activities.id, id));
  if (!activity.completed) await scheduleReminders(db, { id, orgId: viewer.orgId, deadline: input.deadline, reminders: input.reminders }, now);
  await announceDealChange(db, viewer.orgId, [deal.stageId]);
}

/** Completes or reopens; doing what is already done is not an error (two clicks, two tabs). */
export async function setActivityCompleted(db: Db, viewer: Viewer, id: number, completed: boolean, now = new Date()): Promise<number> {
  const { activity, deal } = await lockActivity(db, viewer, id);
  if (activity.completed === completed) return deal.id;
  await db
    .update(activities)
    .set({
      completed,
      completedAt: completed ? now : null,
      completedById: completed ? viewer.id : null,
      updatedAt: now,
      modifiedById: viewer.id,
      version: sql`${activities.version} + 1`,
    })
    .where(eq(activities.id, id));
  if (completed) await db.update(deals).set({ lastActivityAt: now }).where(eq(deals.id, deal.id));
  else await scheduleReminders(db, { id, orgId: viewer.orgId, deadline: activity.deadline, reminders: activity.reminders }, now);
  if (completed) await onActivityCompleted(db, viewer.orgId, deal, activity.type);
  await announceDealChange(db, viewer.orgId, [deal.stageId]);
  return deal.id;
}

/**
 * Every open activity of a deal completed, each as its own "Complete" would (the rule, history,
 * the counters): what winning or losing a deal offers. Returns how many were completed.
 */
export async function completeOpenActivities(db: Db, viewer: Viewer, dealId: number, now = new Date()): Promise<number> {
  await lockDealForUpdate(db, viewer, dealId);
  const open = await db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.orgId, viewer.orgId), eq(activities.dealId, dealId), eq(activities.completed, false)));
  for (const { id } of open) await setActivityCompleted(db, viewer, id, true, now);
  return open.length;
}

export async function deleteActivity(db: Db, viewer: Viewer, id: number): Promise<number> {
  const { deal } = await lockActivity(db, viewer, id);
  await db.delete(activities).where(eq(activities.id, id));
  await announceDealChange(db, viewer.orgId, [deal.stageId]);
  return deal.id;
}

/**
 * An e-mail the CRM sent for a deal (a robot's, through lib/messaging), recorded as a completed
 * outgoing e-mail activity on its timeline, responsible: the deal's responsible. No viewer acts:
 * the robot's author was checked by the engine before the message was queued, and the send job
 * calls this in the transaction that marks the message sent, so it happens once per message.
 * Locks the deal first (the one lock order). Null when the deal is gone.
 */
export async function recordSentEmail(
  db: Db,
  sent: { orgId: number; dealId: number; subject: string; description: string; authorId: number | null; at: Date },
): Promise<number | null> {
  const [deal] = await db
    .select({ id: deals.id, assignedById: deals.assignedById, stageId: deals.stageId })
    .from(deals)
    .where(and(eq(deals.orgId, sent.orgId), eq(deals.id, sent.dealId)))
    .for("update");
  if (!deal) return null;
  const [row] = await db
    .insert(activities)
    .values({
      orgId: sent.orgId,
      dealId: deal.id,
      type: "email",
      direction: "outgoing",
      subject: sent.subject,
      description: sent.description,
      deadline: sent.at,
      responsibleId: deal.assignedById,
      completed: true,
      completedAt: sent.at,
      completedById: sent.authorId,
      createdById: sent.authorId,
      createdAt: sent.at,
      updatedAt: sent.at,
    })
    .returning({ id: activities.id });
  await db.update(deals).set({ lastActivityAt: sent.at }).where(eq(deals.id, deal.id));
  await announceDealChange(db, sent.orgId, [deal.stageId]);
  return row!.id;
}
