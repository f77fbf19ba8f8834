import "server-only";
import { notifications } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { addComment as addDealComment } from "@/lib/activities/comments";
import { DEFAULT_REMINDERS } from "@/lib/activities/reminders";
import { createActivity } from "@/lib/activities/service";
import { readersAmong } from "@/lib/permissions/readers";
import { durationMs } from "../timing";
import type { Executor } from "./index";
import { resolveEmployee } from "./employee";

const responsibleOf = (run: Parameters<Executor<"task">>[1]) => Number(run.deal.assignedById);

export const createTask: Executor<"task"> = async (config, run) => {
  const user = await resolveEmployee(run.db, run.author.orgId, responsibleOf(run), config.assignee);
  const deadline = new Date(run.now.getTime() + durationMs(config.deadlineIn));
  await createActivity(run.db, run.author, run.dealId, { type: "task", subject: config.subject, description: config.description || null, deadline, responsibleId: user.id, direction: null, reminders: [...DEFAULT_REMINDERS] }, run.now);
  return { key: "automationRun.taskCreated", vars: { subject: config.subject, user: user.name } };
};

export const planActivity: Executor<"activity"> = async (config, run) => {
  const user = await resolveEmployee(run.db, run.author.orgId, responsibleOf(run), config.assignee);
  const deadline = new Date(run.now.getTime() + durationMs(config.startIn));
  await createActivity(run.db, run.author, run.dealId, { type: config.type, subject: config.subject, description: null, deadline, responsibleId: user.id, direction: config.type === "call" ? "outgoing" : null, reminders: [...DEFAULT_REMINDERS] }, run.now);
  return { key: "automationRun.activityPlanned", vars: { subject: config.subject, user: user.name } };
};

export const addComment: Executor<"comment"> = async (config, run) => {
  await addDealComment(run.db, run.author, run.dealId, config.text, run.now);
  return { key: "automationRun.commented" };
};

/** A bell notification, only to someone who may read the deal (it names it). Idempotent per run. */
export const notifyEmployee: Executor<"notify"> = async (config, run) => {
  const user = await resolveEmployee(run.db, run.author.orgId, responsibleOf(run), config.target);
  const facts = { orgId: run.author.orgId, pipelineId: Number(run.deal.pipelineId), stageId: Number(run.deal.stageId), assignedById: Number(run.deal.assignedById), opened: Boolean(run.deal.opened), id: run.dealId };
  if ((await readersAmong(run.db, facts, [user.id])).length === 0) throw new ActionError("invalid", "automationRun.cannotRead", { user: user.name });
  await run.db
    .insert(notifications)
    .values({ orgId: run.author.orgId, userId: user.id, kind: "robot", dealId: run.dealId, data: { text: config.text, dealTitle: String(run.deal.title) }, key: `robot:${run.runId}:${user.id}`, createdAt: run.now })
    .onConflictDoNothing();
  return { key: "automationRun.notified", vars: { user: user.name } };
};
