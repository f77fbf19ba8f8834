import { z } from "zod";
import { parseId } from "@/lib/ids";
import type { Translate } from "@/lib/i18n/translate";
import { comparators, type Comparator, type Comparison, type ConditionGroup } from "../definitions";
import { activityTypes, isTriggerKind, triggerConfigs, type TriggerKind } from "./kinds";

/**
 * The trigger editor's form: flat fields (it works as a plain HTML form) to a trigger and back.
 * The condition is up to CONDITION_ROWS comparisons joined by AND or OR, under the same field
 * names as the robots' editor (conditionOp, condField1, condCmp1, condValue1…). What needs the
 * database (the stage's pipeline, field codes, the author's permissions) is checked by service.ts.
 */

export const CONDITION_ROWS = 5;
export const NAME_MAX = 200;

/** A trigger as the editor and the service exchange it (its pipeline follows the stage; its author is whoever saves). */
export type TriggerInput = {
  name: string;
  kind: TriggerKind;
  stageId: number;
  config: Record<string, unknown>;
  condition: ConditionGroup | null;
  allowBackwards: boolean;
};

export type TriggerFormValues = Record<string, string>;

const valueFree: readonly Comparator[] = ["empty", "notEmpty"];
const text = z.string().optional().default("");

/** The editor's schema, in the user's language: each problem reported on the field it was typed into. */
export function triggerFormSchema({ t }: { t: Translate }) {
  const shape: Record<string, z.ZodType<string>> = { id: text, name: text, kind: text, stageId: text, allowBackwards: text, field: text, value: text, activityType: text, formId: text, conditionOp: text };
  for (let n = 1; n <= CONDITION_ROWS; n++) Object.assign(shape, { [`condField${n}`]: text, [`condCmp${n}`]: text, [`condValue${n}`]: text });
  return z.object(shape).transform((values, context): TriggerInput & { id: number | null } => {
    const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    const name = values.name!.trim();
    if (!name) issue("name", t("errors.required"));
    if (name.length > NAME_MAX) issue("name", t("errors.tooLong", { max: NAME_MAX }));
    const kind = values.kind!;
    if (!isTriggerKind(kind)) issue("kind", t("errors.unknownOption"));
    const stageId = parseId(values.stageId);
    if (stageId === null) issue("stageId", t("errors.required"));
    const config = isTriggerKind(kind) ? configFromForm(kind, values, issue, t) : {};
    const condition = conditionFromForm(values, issue, t);
    return { id: parseId(values.id), name, kind: kind as TriggerKind, stageId: stageId ?? 0, config, condition, allowBackwards: values.allowBackwards === "on" };
  });
}

function configFromForm(kind: TriggerKind, values: Record<string, string | undefined>, issue: (path: string, message: string) => void, t: Translate): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  if (kind === "fieldChanged") {
    raw.field = values.field ?? "";
    if (values.value?.trim()) raw.value = values.value.trim();
    if (!values.field?.trim()) {
      issue("field", t("errors.required"));
      return {};
    }
  }
  if (kind === "activityCompleted" && values.activityType) {
    if (!(activityTypes as readonly string[]).includes(values.activityType)) issue("activityType", t("errors.unknownOption"));
    raw.activityType = values.activityType;
  }
  if (kind === "webForm" && values.formId) {
    if (parseId(values.formId) === null) issue("formId", t("errors.unknownOption"));
    raw.formId = values.formId;
  }
  const parsed = triggerConfigs[kind].safeParse(raw);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) issue(String(problem.path[0] ?? "kind"), t("errors.invalid"));
    return {};
  }
  return parsed.data as Record<string, unknown>;
}

function conditionFromForm(values: Record<string, string | undefined>, issue: (path: string, message: string) => void, t: Translate): ConditionGroup | null {
  const items: Comparison[] = [];
  for (let n = 1; n <= CONDITION_ROWS; n++) {
    const field = values[`condField${n}`]?.trim() ?? "";
    if (!field) continue;
    const cmp = values[`condCmp${n}`] ?? "";
    if (!(comparators as readonly string[]).includes(cmp)) {
      issue(`condCmp${n}`, t("errors.unknownOption"));
      continue;
    }
    const value = values[`condValue${n}`] ?? "";
    if (!valueFree.includes(cmp as Comparator) && !value.trim()) issue(`condValue${n}`, t("errors.required"));
    if (value.length > 1_000) issue(`condValue${n}`, t("errors.tooLong", { max: 1_000 }));
    items.push(valueFree.includes(cmp as Comparator) ? { field, cmp: cmp as Comparator } : { field, cmp: cmp as Comparator, value: value.trim() });
  }
  if (items.length === 0) return null;
  return { op: values.conditionOp === "or" ? "or" : "and", items };
}

/** A saved trigger as the form's fields. Only the top level of a condition is shown (the editor never nests). */
export function triggerFormValues(trigger: { name: string; kind: string; stageId: number; config: unknown; condition: unknown; allowBackwards: boolean }): TriggerFormValues {
  const config = (trigger.config ?? {}) as Record<string, unknown>;
  const values: TriggerFormValues = {
    name: trigger.name,
    kind: trigger.kind,
    stageId: String(trigger.stageId),
    allowBackwards: trigger.allowBackwards ? "on" : "",
    field: typeof config.field === "string" ? config.field : "",
    value: typeof config.value === "string" ? config.value : "",
    activityType: typeof config.activityType === "string" ? config.activityType : "",
    formId: config.formId === undefined ? "" : String(config.formId),
  };
  const condition = trigger.condition as ConditionGroup | null;
  values.conditionOp = condition?.op ?? "and";
  const rows = (condition?.items ?? []).filter((item): item is Comparison => !("op" in item)).slice(0, CONDITION_ROWS);
  rows.forEach((row, i) => {
    values[`condField${i + 1}`] = row.field;
    values[`condCmp${i + 1}`] = row.cmp;
    values[`condValue${i + 1}`] = row.value ?? "";
  });
  return values;
}
