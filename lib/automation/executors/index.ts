import "server-only";
import type { Db } from "@/db/client";
import type { Viewer } from "@/lib/permissions";
import type { DealSnapshot } from "../conditions";
import type { RobotConfig, RobotKind } from "../definitions";
import { addComment, createTask, notifyEmployee, planActivity } from "./activities";
import { addDealObservers, changeFields, changePipeline, changeResponsible, changeStage } from "./deal-fields";
import { sendEmail, sendSms } from "./messages";
import { callWebhook } from "./webhook";

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

/** Each robot kind's work. It goes through the domain's own services (the permission rule, locks, history). */
export const executors: { [K in RobotKind]?: Executor<K> } = {
  email: sendEmail,
  sms: sendSms,
  task: createTask,
  activity: planActivity,
  comment: addComment,
  notify: notifyEmployee,
  setStage: changeStage,
  setPipeline: changePipeline,
  setResponsible: changeResponsible,
  setFields: changeFields,
  addObservers: addDealObservers,
  webhook: callWebhook,
};
