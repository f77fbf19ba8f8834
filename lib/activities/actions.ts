"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { zonedTimeToDate } from "@/lib/i18n/format";
import { activityCreateSchema, activityRefSchema, activityUpdateSchema, closedDealSchema, commentSchema } from "./form-schema";
import { completeOpenActivities, createActivity, deleteActivity, setActivityCompleted, updateActivity } from "./service";
import { addComment } from "./comments";
import { markAllRead } from "./notifications";
import type { ActivityInput } from "./service";
import type { ActionContext } from "@/lib/actions/action";

const multiple = ["reminders"] as const;

function toInput(input: Omit<ActivityInput, "deadline"> & { deadline: string }, { viewer }: ActionContext): ActivityInput {
  const deadline = zonedTimeToDate(input.deadline, viewer.org.timezone);
  if (!deadline) throw new ActionError("invalid", "errors.invalid", undefined, { deadline: "activities.badDeadline" });
  return { ...input, deadline };
}

/** Where a quick action returns: "My activities" or the deal's card. */
const backTo = (back: string | undefined, dealId: number) => (back === "activities" ? "/activities" : `/deals/${dealId}`);

export const createActivityAction = defineAction({
  schema: activityCreateSchema,
  multiple,
  async run({ dealId, ...input }, context) {
    await createActivity(context.db, context.viewer, dealId, toInput(input, context));
    return { redirectTo: `/deals/${dealId}?notice=activityAdded`, revalidate: ["/deals", "/activities"] };
  },
});

export const updateActivityAction = defineAction({
  schema: activityUpdateSchema,
  multiple,
  async run({ id, version, dealId, ...input }, context) {
    await updateActivity(context.db, context.viewer, id, version, toInput(input, context));
    return { redirectTo: `/deals/${dealId}?notice=activitySaved`, revalidate: ["/deals", "/activities"] };
  },
});

export const completeActivityAction = defineAction({
  schema: activityRefSchema,
  async run({ id, done, back }, { db, viewer }) {
    const dealId = await setActivityCompleted(db, viewer, id, done);
    return { redirectTo: backTo(back, dealId), revalidate: ["/deals", "/activities"] };
  },
});

/** A won or lost deal's open activities, all completed at once (the card offers it). */
export const completeOpenActivitiesAction = defineAction({
  schema: closedDealSchema,
  async run({ dealId }, { db, viewer }) {
    await completeOpenActivities(db, viewer, dealId);
    return { redirectTo: `/deals/${dealId}?notice=activitiesCompleted`, revalidate: ["/deals", "/activities"] };
  },
});

export const deleteActivityAction = defineAction({
  schema: activityRefSchema,
  async run({ id, back }, { db, viewer }) {
    const dealId = await deleteActivity(db, viewer, id);
    return { redirectTo: `${backTo(back, dealId)}?notice=activityDeleted`, revalidate: ["/deals", "/activities"] };
  },
});

export const addCommentAction = defineAction({
  schema: commentSchema,
  async run({ dealId, body }, { db, viewer }) {
    await addComment(db, viewer, dealId, body);
    return { redirectTo: `/deals/${dealId}?notice=commentAdded#timeline`, revalidate: [`/deals/${dealId}`] };
  },
});

export const markNotificationsReadAction = defineAction({
  schema: () => z.object({}),
  async run(_input, { db, viewer }) {
    await markAllRead(db, viewer);
    return { redirectTo: "/notifications", revalidate: ["/notifications"] };
  },
});
