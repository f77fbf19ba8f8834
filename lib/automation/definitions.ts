import { z } from "zod";
import { idField } from "@/lib/ids";

/**
 * What a robot, its timing and its condition are: the contract between the editor (which
 * validates with these schemas when a robot is saved), the engine (which parses them again when
 * it runs, as stored JSON may predate a change) and the executors.
 */

export const robotKinds = [
  "email",
  "sms",
  "task",
  "activity",
  "comment",
  "notify",
  "setStage",
  "setResponsible",
  "setPipeline",
  "setFields",
  "addObservers",
  "webhook",
  "document",
] as const;
export type RobotKind = (typeof robotKinds)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const userIds = z.array(idField()).min(1).max(50);

/** Who an employee-facing robot addresses: the deal's responsible, the responsible's head, or a chosen user. */
export const employeeTarget = z.discriminatedUnion("who", [
  z.object({ who: z.literal("responsible") }),
  z.object({ who: z.literal("head") }),
  z.object({ who: z.literal("user"), userId: idField() }),
]);
export type EmployeeTarget = z.infer<typeof employeeTarget>;

export const durationUnits = ["minutes", "hours", "days"] as const;
export const duration = z.object({ amount: z.coerce.number().int().min(0).max(10_000), unit: z.enum(durationUnits) });
export type Duration = z.infer<typeof duration>;

export const robotConfigs = {
  email: z.object({ subject: text(300), body: text(20_000) }),
  sms: z.object({ text: text(1_000) }),
  task: z.object({ subject: text(300), description: z.string().max(5_000).default(""), assignee: employeeTarget, deadlineIn: duration }),
  activity: z.object({ type: z.enum(["call", "meeting"]), subject: text(300), assignee: employeeTarget, startIn: duration }),
  comment: z.object({ text: text(5_000) }),
  notify: z.object({ target: employeeTarget, text: text(1_000) }),
  setStage: z.object({ stageId: idField() }),
  setResponsible: z.object({ mode: z.enum(["user", "roundRobin", "leastLoaded"]), userIds }),
  setPipeline: z.object({ stageId: idField() }),
  // Field code (a standard field's name or a custom field's code) → the value as the form would send it.
  setFields: z.object({ values: z.record(z.string().min(1).max(100), z.string().max(5_000)).refine((v) => Object.keys(v).length > 0) }),
  addObservers: z.object({ userIds }),
  webhook: z.object({ url: z.string().trim().url().max(2_000), secret: z.string().max(200).default("") }),
  // A quote or an invoice from the deal; `send`: e-mailed to the client with its PDF and a link.
  document: z.object({ documentKind: z.enum(["quote", "invoice"]), send: z.boolean().default(false) }),
} satisfies Record<RobotKind, z.ZodType>;
export type RobotConfig<K extends RobotKind> = z.infer<(typeof robotConfigs)[K]>;

/**
 * When a robot runs after its deal enters the stage. `workingHours`: moved to the next working
 * moment of the org (Settings → Working time); `atTime`: at that time of day (org time zone) on
 * or after the computed moment; `afterPrevious`: only once the stage's previous robot has finished.
 */
export const timingSchema = z.object({
  mode: z.enum(["now", "after", "dateField"]).default("now"),
  delay: duration.optional(),
  // mode "dateField": before/after a date field of the deal (closeDate, beginDate or a custom date).
  field: z.string().max(100).optional(),
  direction: z.enum(["before", "after"]).optional(),
  atTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  workingHours: z.boolean().default(false),
  afterPrevious: z.boolean().default(false),
});
export type Timing = z.infer<typeof timingSchema>;

export const comparators = ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "empty", "notEmpty"] as const;
export type Comparator = (typeof comparators)[number];
export type Comparison = { field: string; cmp: Comparator; value?: string };
export type ConditionGroup = { op: "and" | "or"; items: (Comparison | ConditionGroup)[] };

const comparison = z.object({ field: z.string().min(1).max(100), cmp: z.enum(comparators), value: z.string().max(1_000).optional() });
export const conditionSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.object({ op: z.enum(["and", "or"]), items: z.array(z.union([comparison, conditionSchema])).max(50) }),
);
