import "server-only";
import type { Db } from "@/db/client";
import type { Viewer } from "@/lib/permissions";
import type { DealSnapshot } from "../conditions";
import type { RobotConfig, RobotKind } from "../definitions";
import { addCommentsOf, createTasks, notifyEmployee, planActivities } from "./activities";
import { addDealObservers, changeFields, changePipeline, changeResponsible, changeStage } from "./deal-fields";
import { sendEmail, sendSms } from "./messages";
import { callWebhook } from "./webhook";
import { createDocument } from "./documents";

/** What a run did (or why it was refused), as a message key of the log and its variables. */
export type Detail = { key: string; vars?: Record<string, string | number> };

/** One robot run: the deal as it is now, its author as the acting viewer, the org's settings. */
export type RobotRun = {
  db: Db;
  author: Viewer;
  deal: DealSnapshot;
  dealId: number;
  runId: number;
  robotId: number;
  now: Date;
  org: { timezone: string; locale: string; baseCurrency: string };
};

export type Executor<K extends RobotKind> = (config: RobotConfig<K>, run: RobotRun) => Promise<Detail>;
/**
 * One robot's work on many deals at once (a bulk move brings thousands into its stage): the same
 * author, moment and depth; all or nothing — an ActionError refuses the lot, and the engine then
 * runs each deal on its own to log which one failed and why. Returns a detail per run, in order.
 */
export type BatchExecutor<K extends RobotKind> = (config: RobotConfig<K>, runs: RobotRun[]) => Promise<Detail[]>;

const one =
  <K extends RobotKind>(batch: BatchExecutor<K>): Executor<K> =>
  async (config, run) =>
    (await batch(config, [run]))[0]!;

/** The kinds that do their work for many deals in a few statements. */
export const batchExecutors: { [K in RobotKind]?: BatchExecutor<K> } = {
  task: createTasks,
  activity: planActivities,
  comment: addCommentsOf,
};

/** Each robot kind's work. It goes through the domain's own services (the permission rule, locks, history). */
export const executors: { [K in RobotKind]?: Executor<K> } = {
  email: sendEmail,
  sms: sendSms,
  task: one(createTasks),
  activity: one(planActivities),
  comment: one(addCommentsOf),
  notify: notifyEmployee,
  setStage: changeStage,
  setPipeline: changePipeline,
  setResponsible: changeResponsible,
  setFields: changeFields,
  addObservers: addDealObservers,
  webhook: callWebhook,
  document: createDocument,
};
