import "server-only";
import { notifications } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { addComments as addDealComments } from "@/lib/activities/comments";
import { DEFAULT_REMINDERS } from "@/lib/activities/reminders";
import { createActivities, type ActivityInput } from "@/lib/activities/service";
import { readersAmong } from "@/lib/permissions/readers";
import { durationMs } from "../timing";
import type { EmployeeTarget } from "../definitions";
import type { BatchExecutor, Detail, Executor, RobotRun } from "./index";
import { resolveEmployee } from "./employee";

const responsibleOf = (run: RobotRun) => Number(run.deal.assignedById);

/** Each run's employee (responsible, their head, a chosen user), read once per responsible. */
async function employeesFor(runs: RobotRun[], target: EmployeeTarget): Promise<{ id: number; name: string }[]> {
  const byResponsible = new Map<number, { id: number; name: string }>();
  const found: { id: number; name: string }[] = [];
  for (const run of runs) {
    const responsible = responsibleOf(run);
    let user = byResponsible.get(responsible);
    if (!user) byResponsible.set(responsible, (user = await resolveEmployee(run.db, run.author.orgId, responsible, target)));
    found.push(user);
  }
  return found;
}

/** Activities on many deals through the activities service in one go (same author, same moment: one robot's batch). */
async function planMany(runs: RobotRun[], target: EmployeeTarget, input: (user: { id: number }) => ActivityInput, detail: (user: { name: string }) => Detail): Promise<Detail[]> {
  const users = await employeesFor(runs, target);
  const { db, author, now } = runs[0]!;
  await createActivities(db, author, runs.map((run, i) => ({ dealId: run.dealId, input: input(users[i]!) })), now);
  return users.map(detail);
}

export const createTasks: BatchExecutor<"task"> = (config, runs) =>
  planMany(
    runs,
    config.assignee,
    (user) => ({ type: "task", subject: config.subject, description: config.description || null, deadline: new Date(runs[0]!.now.getTime() + durationMs(config.deadlineIn)), responsibleId: user.id, direction: null, reminders: [...DEFAULT_REMINDERS] }),
    (user) => ({ key: "automationRun.taskCreated", vars: { subject: config.subject, user: user.name } }),
  );

export const planActivities: BatchExecutor<"activity"> = (config, runs) =>
  planMany(
    runs,
    config.assignee,
    (user) => ({ type: config.type, subject: config.subject, description: null, deadline: new Date(runs[0]!.now.getTime() + durationMs(config.startIn)), responsibleId: user.id, direction: config.type === "call" ? "outgoing" : null, reminders: [...DEFAULT_REMINDERS] }),
    (user) => ({ key: "automationRun.activityPlanned", vars: { subject: config.subject, user: user.name } }),
  );

export const addCommentsOf: BatchExecutor<"comment"> = async (config, runs) => {
  const { db, author, now } = runs[0]!;
  await addDealComments(db, author, runs.map((run) => run.dealId), config.text, now);
  return runs.map(() => ({ key: "automationRun.commented" }));
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
