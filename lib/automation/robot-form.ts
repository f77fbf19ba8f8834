import { z } from "zod";
import { parseId } from "@/lib/ids";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/translate";
import {
  comparators,
  durationUnits,
  robotConfigs,
  robotKinds,
  timingSchema,
  type Comparator,
  type Comparison,
  type ConditionGroup,
  type RobotKind,
  type Timing,
} from "./definitions";

/**
 * The robot editor's form: flat fields (so it works as a plain HTML form) to a robot and back.
 * Kind-specific fields are validated by the kind's schema in lib/automation/definitions.ts, and
 * every error is reported on the form field the user typed into. What needs the database (ids of
 * this org, field codes, the author's permissions) is checked by lib/automation/robots.ts.
 */

/** Rows the condition editor and the "change fields" robot offer (no script adds more). */
export const CONDITION_ROWS = 5;
export const SET_FIELD_ROWS = 5;
export const NAME_MAX = 200;

export type FormValues = Record<string, string | string[]>;

export type FormOption = { value: string; label: string };
/** What the editor's selects offer: the org's people, stages and the fields a robot may name. */
export type RobotFormOptions = {
  users: FormOption[];
  /** Stages of the robot's pipeline (a "change stage" robot's targets). */
  stages: FormOption[];
  /** Stages of the org's other pipelines, by pipeline (a "move to another pipeline" robot's targets). */
  otherPipelines: { name: string; stages: FormOption[] }[];
  conditionFields: FormOption[];
  settableFields: FormOption[];
  dateFields: FormOption[];
};

/** A robot as the editor and the service exchange it (its stage and author are the service's). */
export type RobotInput = {
  name: string;
  kind: RobotKind;
  config: Record<string, unknown>;
  timing: Timing;
  condition: ConditionGroup | null;
  keepOnLeave: boolean;
};

/** The saved parts of a robot the form shows. */
export type RobotRecord = Pick<RobotInput, "name" | "kind" | "keepOnLeave"> & { config: unknown; timing: unknown; condition: unknown };

export const timingModes = ["now", "after", "dateField"] as const;
export const employeeTargets = ["responsible", "head", "user"] as const;
const valueFree: readonly Comparator[] = ["empty", "notEmpty"];

export function isRobotKind(value: unknown): value is RobotKind {
  return typeof value === "string" && (robotKinds as readonly string[]).includes(value);
}

/** Kinds whose config addresses an employee (the responsible, their head, or a chosen user). */
const employeeKey: Partial<Record<RobotKind, "assignee" | "target">> = { task: "assignee", activity: "assignee", notify: "target" };
/** Kinds with a relative duration (a task's deadline, a call's start). */
const durationKey: Partial<Record<RobotKind, "deadlineIn" | "startIn">> = { task: "deadlineIn", activity: "startIn" };

const str = (values: FormValues, key: string): string => {
  const v = values[key];
  return typeof v === "string" ? v : "";
};
const list = (values: FormValues, key: string): string[] => {
  const v = values[key];
  return Array.isArray(v) ? v : v ? [v] : [];
};
const checked = (values: FormValues, key: string) => str(values, key) === "on";
const blankToUndefined = (text: string) => (text.trim() === "" ? undefined : text.trim());

/** The config object a kind's schema parses, from the form's fields (only those the kind uses). */
function configFromForm(kind: RobotKind, values: FormValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const employee = employeeKey[kind];
  if (employee) {
    const who = str(values, "who");
    config[employee] = who === "user" ? { who, userId: str(values, "whoUserId") } : { who };
  }
  const duration = durationKey[kind];
  if (duration) config[duration] = { amount: blankToUndefined(str(values, "inAmount")), unit: str(values, "inUnit") };
  switch (kind) {
    case "email":
      return { subject: str(values, "subject"), body: str(values, "body") };
    case "sms":
    case "comment":
      return { text: str(values, "text") };
    case "task":
      return { ...config, subject: str(values, "subject"), description: str(values, "description") };
    case "activity":
      return { ...config, type: str(values, "activityType"), subject: str(values, "subject") };
    case "notify":
      return { ...config, text: str(values, "text") };
    case "setStage":
    case "setPipeline":
      return { stageId: str(values, "targetStageId") };
    case "setResponsible":
      return { mode: str(values, "responsibleMode"), userIds: list(values, "userIds[]") };
    case "addObservers":
      return { userIds: list(values, "userIds[]") };
    case "setFields": {
      const set: Record<string, string> = {};
      for (let i = 1; i <= SET_FIELD_ROWS; i++) {
        const code = str(values, `setCode${i}`).trim();
        if (code) set[code] = str(values, `setValue${i}`);
      }
      return { values: set };
    }
    case "webhook":
      return { url: str(values, "url"), secret: str(values, "secret") };
    case "document":
      return { documentKind: str(values, "documentKind"), send: checked(values, "sendDocument") };
  }
}

/** The form field a config path was typed into (config paths are the schema's, fields the form's). */
function configField(path: PropertyKey[]): string {
  const [head, sub] = path.map(String);
  switch (head) {
    case "assignee":
    case "target":
      return sub === "userId" ? "whoUserId" : "who";
    case "deadlineIn":
    case "startIn":
      return sub === "unit" ? "inUnit" : "inAmount";
    case "type":
      return "activityType";
    case "stageId":
      return "targetStageId";
    case "mode":
      return "responsibleMode";
    case "values":
      return "setCode1";
    default:
      return head ?? "_form";
  }
}

const timingField: Record<string, string> = { mode: "timingMode", delay: "delayAmount", field: "dateField", direction: "dateDirection", atTime: "atTime" };

type Issue = z.core.$ZodIssue;

/** A schema's issue in the user's words. */
function messageOf(issue: Issue, field: string, t: Translate): string {
  if (field === "url") return t("automation.errors.badUrl");
  if (field === "atTime") return t("automation.errors.badTime");
  if (field === "inAmount" || field === "delayAmount") return t("automation.errors.badAmount");
  if (issue.code === "too_small") return t("errors.required");
  if (issue.code === "too_big" && issue.origin === "string") return t("errors.tooLong", { max: Number(issue.maximum) });
  if (issue.code === "too_big") return t("automation.errors.tooMany", { max: Number(issue.maximum) });
  if (issue.code === "invalid_value" || field.endsWith("UserId") || field === "targetStageId" || field === "userIds") return t("errors.unknownOption");
  return t("errors.invalid");
}

function conditionFromForm(values: FormValues, errors: Record<string, string[]>, t: Translate): ConditionGroup | null {
  const items: Comparison[] = [];
  for (let i = 1; i <= CONDITION_ROWS; i++) {
    const field = str(values, `condField${i}`).trim();
    if (!field) continue;
    const cmp = str(values, `condCmp${i}`);
    const value = str(values, `condValue${i}`);
    if (!(comparators as readonly string[]).includes(cmp)) {
      (errors[`condCmp${i}`] ??= []).push(t("errors.unknownOption"));
      continue;
    }
    if (field.length > 100) (errors[`condField${i}`] ??= []).push(t("errors.unknownOption"));
    if (value.length > 1_000) (errors[`condValue${i}`] ??= []).push(t("errors.tooLong", { max: 1_000 }));
    if (valueFree.includes(cmp as Comparator)) items.push({ field, cmp: cmp as Comparator });
    else if (value.trim() === "") (errors[`condValue${i}`] ??= []).push(t("automation.errors.valueRequired"));
    else items.push({ field, cmp: cmp as Comparator, value: value.trim() });
  }
  if (items.length === 0) return null;
  return { op: str(values, "conditionOp") === "or" ? "or" : "and", items };
}

function timingFromForm(values: FormValues, errors: Record<string, string[]>, t: Translate): Timing | null {
  const mode = str(values, "timingMode") || "now";
  const delayed = mode === "after" || mode === "dateField";
  const raw = {
    mode,
    delay: delayed ? { amount: blankToUndefined(str(values, "delayAmount")) ?? (mode === "dateField" ? "0" : undefined), unit: str(values, "delayUnit") } : undefined,
    field: mode === "dateField" ? blankToUndefined(str(values, "dateField")) : undefined,
    direction: mode === "dateField" ? str(values, "dateDirection") || "before" : undefined,
    atTime: blankToUndefined(str(values, "atTime")),
    workingHours: checked(values, "workingHours"),
    afterPrevious: checked(values, "afterPrevious"),
  };
  if (mode === "dateField" && !raw.field) (errors.dateField ??= []).push(t("errors.required"));
  const parsed = timingSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === "delay" && issue.path[1] === "unit" ? "delayUnit" : (timingField[String(issue.path[0])] ?? "timingMode");
      (errors[key] ??= []).push(messageOf(issue, key, t));
    }
    return null;
  }
  return parsed.data;
}

/** The kind's label, the name of a robot saved without one. */
export const kindLabelKey = (kind: RobotKind): MessageKey => `automation.kinds.${kind}`;

/**
 * Reads the editor's fields into a robot, or the errors per form field (in the user's words).
 * The kind comes from the form too: the editor shows one kind's fields.
 */
export function parseRobotForm(values: FormValues, t: Translate): { ok: true; input: RobotInput } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const kind = str(values, "kind");
  if (!isRobotKind(kind)) return { ok: false, errors: { kind: [t("errors.unknownOption")] } };
  const name = str(values, "name").trim() || t(kindLabelKey(kind));
  if (name.length > NAME_MAX) errors.name = [t("errors.tooLong", { max: NAME_MAX })];
  const config = robotConfigs[kind].safeParse(configFromForm(kind, values));
  if (!config.success) {
    for (const issue of config.error.issues) {
      const field = configField(issue.path);
      (errors[field] ??= []).push(messageOf(issue, field, t));
    }
  }
  if (kind === "webhook" && config.success && !isHttpUrl((config.data as { url: string }).url)) errors.url = [t("automation.errors.badUrl")];
  const timing = timingFromForm(values, errors, t);
  const condition = conditionFromForm(values, errors, t);
  if (Object.keys(errors).length > 0 || !config.success || !timing) return { ok: false, errors };
  return { ok: true, input: { name, kind, config: config.data as Record<string, unknown>, timing, condition, keepOnLeave: checked(values, "keepOnLeave") } };
}

/** http: or https:, with a host: what a webhook may call (javascript:, file:, ftp: and the like may not). */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The form's schema for the action wrapper: the robot, and the id in `idKey` (the robot edited, or
 * the stage a new robot goes to); each error on its field.
 */
export function robotFormSchema({ t }: { t: Translate; locale: Locale }, idKey: "id" | "stageId") {
  return z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((values, context) => {
    const target = parseId(str(values, idKey));
    if (target === null) context.addIssue({ code: "custom", path: [idKey], message: t("errors.unknownOption") });
    const parsed = parseRobotForm(values, t);
    if (!parsed.ok) for (const [field, messages] of Object.entries(parsed.errors)) for (const message of messages) context.addIssue({ code: "custom", path: [field], message });
    if (target === null || !parsed.ok) return z.NEVER;
    return { target, input: parsed.input };
  });
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown): string => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** A new robot's form: sensible defaults for the kind. */
export function newRobotFormValues(kind: RobotKind): FormValues {
  return {
    kind,
    name: "",
    who: "responsible",
    inAmount: "1",
    inUnit: "days",
    activityType: "call",
    responsibleMode: "user",
    documentKind: "quote",
    timingMode: "now",
    delayAmount: "",
    delayUnit: "days",
    dateDirection: "before",
    conditionOp: "and",
  };
}

/** A saved robot as the editor's fields (the inverse of parseRobotForm). */
export function robotFormValues(robot: RobotRecord): FormValues {
  const values = newRobotFormValues(robot.kind);
  values.name = robot.name;
  const config = record(robot.config);
  const employee = employeeKey[robot.kind];
  if (employee) {
    const target = record(config[employee]);
    values.who = text(target.who) || "responsible";
    if (target.userId !== undefined) values.whoUserId = text(target.userId);
  }
  const duration = durationKey[robot.kind];
  if (duration) {
    const d = record(config[duration]);
    values.inAmount = text(d.amount);
    values.inUnit = text(d.unit) || "days";
  }
  for (const key of ["subject", "body", "text", "description", "url", "secret"] as const) if (config[key] !== undefined) values[key] = text(config[key]);
  if (robot.kind === "activity") values.activityType = text(config.type) || "call";
  if (robot.kind === "setStage" || robot.kind === "setPipeline") values.targetStageId = text(config.stageId);
  if (robot.kind === "setResponsible") values.responsibleMode = text(config.mode) || "user";
  if (robot.kind === "document") {
    values.documentKind = text(config.documentKind) || "quote";
    if (config.send === true) values.sendDocument = "on";
  }
  if (Array.isArray(config.userIds)) values["userIds[]"] = config.userIds.map(text);
  Object.entries(record(config.values))
    .slice(0, SET_FIELD_ROWS)
    .forEach(([code, value], i) => {
      values[`setCode${i + 1}`] = code;
      values[`setValue${i + 1}`] = text(value);
    });
  const timing = record(robot.timing);
  values.timingMode = (timingModes as readonly string[]).includes(text(timing.mode)) ? text(timing.mode) : "now";
  const delay = record(timing.delay);
  if (delay.amount !== undefined) values.delayAmount = text(delay.amount);
  if ((durationUnits as readonly string[]).includes(text(delay.unit))) values.delayUnit = text(delay.unit);
  if (timing.field !== undefined) values.dateField = text(timing.field);
  if (timing.direction === "after") values.dateDirection = "after";
  if (timing.atTime !== undefined) values.atTime = text(timing.atTime);
  if (timing.workingHours === true) values.workingHours = "on";
  if (timing.afterPrevious === true) values.afterPrevious = "on";
  if (robot.keepOnLeave) values.keepOnLeave = "on";
  const condition = record(robot.condition);
  if (condition.op === "or") values.conditionOp = "or";
  // The editor edits one group of comparisons (what it saves); a nested group is not shown.
  const items = Array.isArray(condition.items) ? condition.items.map(record).filter((item) => typeof item.field === "string") : [];
  items.slice(0, CONDITION_ROWS).forEach((item, i) => {
    values[`condField${i + 1}`] = text(item.field);
    values[`condCmp${i + 1}`] = text(item.cmp);
    values[`condValue${i + 1}`] = text(item.value);
  });
  return values;
}
