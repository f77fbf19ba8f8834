import type { MessageKey, Translate } from "@/lib/i18n/translate";
import { comparators, durationUnits, timingSchema, type Comparator, type Duration } from "./definitions";
import { fieldLabel } from "./field-catalogue";

/**
 * One line each for a robot's timing and condition, as the automation board lists them
 * ("1 day before Close date, at 09:00, in working hours"; "Amount ≥ 1000 and Source = Website").
 */

/** Names the summaries show instead of ids and codes: custom field labels, stages, users, sources. */
export type SummaryLookups = {
  customLabels: ReadonlyMap<string, string>;
  stageNames: ReadonlyMap<number, string>;
  userNames: ReadonlyMap<number, string>;
};

function duration({ amount, unit }: Duration, t: Translate): { n: number; unit: string } {
  return { n: amount, unit: amount === 1 ? t(`automation.timing.unitOne.${unit}`) : t(`automation.timing.units.${unit}`) };
}

export function timingSummary(stored: unknown, keepOnLeave: boolean, t: Translate, lookups: SummaryLookups): string {
  const parsed = timingSchema.safeParse(stored ?? {});
  const timing = parsed.success ? parsed.data : timingSchema.parse({});
  const parts: string[] = [];
  const delay = timing.delay && durationUnits.includes(timing.delay.unit) ? timing.delay : null;
  if (timing.mode === "after" && delay) parts.push(t("automation.timing.summary.after", duration(delay, t)));
  else if (timing.mode === "dateField" && timing.field) {
    const field = fieldLabel(timing.field, t, lookups.customLabels);
    if (!delay || delay.amount === 0) parts.push(t("automation.timing.summary.onDate", { field }));
    else parts.push(t(timing.direction === "after" ? "automation.timing.summary.afterDate" : "automation.timing.summary.before", { ...duration(delay, t), field }));
  } else parts.push(t("automation.timing.summary.now"));
  if (timing.atTime) parts.push(t("automation.timing.summary.atTime", { time: timing.atTime }));
  if (timing.workingHours) parts.push(t("automation.timing.summary.workingHours"));
  if (timing.afterPrevious) parts.push(t("automation.timing.summary.afterPrevious"));
  if (keepOnLeave) parts.push(t("automation.timing.summary.keepOnLeave"));
  const text = parts.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A comparison's value as a person reads it: a stage's or a user's name, a source's label. */
export function valueLabel(field: string, value: string, t: Translate, lookups: SummaryLookups): string {
  const id = Number(value);
  if (field === "stageId" && lookups.stageNames.has(id)) return lookups.stageNames.get(id)!;
  if (field === "assignedById" && lookups.userNames.has(id)) return lookups.userNames.get(id)!;
  if (field === "sourceId" || field === "typeId") {
    const key = `deals.${field === "sourceId" ? "sources" : "types"}.${value}` as MessageKey;
    const label = t(key);
    return label === key ? value : label;
  }
  return value;
}

export const isComparator = (value: unknown): value is Comparator => typeof value === "string" && (comparators as readonly string[]).includes(value);

/** A comparison's three parts in the user's words (the field's label, the comparator, the value's label). */
export function comparisonParts(field: string, cmp: string, value: string | undefined, t: Translate, lookups: SummaryLookups): { field: string; cmp: string; value: string } {
  const label = fieldLabel(field, t, lookups.customLabels);
  if (!isComparator(cmp)) return { field: label, cmp, value: value ?? "" };
  const valueFree = cmp === "empty" || cmp === "notEmpty";
  return { field: label, cmp: t(`automation.cmp.${cmp}`), value: valueFree ? "" : valueLabel(field, value ?? "", t, lookups) };
}

/** "field cmp value" for one comparison. */
export function comparisonText(field: string, cmp: string, value: string | undefined, t: Translate, lookups: SummaryLookups): string {
  const parts = comparisonParts(field, cmp, value, t, lookups);
  return `${parts.field} ${parts.cmp} ${parts.value}`.trim();
}

type Group = { op?: unknown; items?: unknown };

export function conditionSummary(stored: unknown, t: Translate, lookups: SummaryLookups): string {
  const describe = (group: Group): string => {
    const items = Array.isArray(group.items) ? (group.items as Record<string, unknown>[]) : [];
    const join = ` ${t(group.op === "or" ? "automation.condition.joins.or" : "automation.condition.joins.and")} `;
    return items
      .map((item) => ("items" in item ? `(${describe(item)})` : comparisonText(String(item.field ?? ""), String(item.cmp ?? ""), item.value === undefined ? undefined : String(item.value), t, lookups)))
      .join(join);
  };
  const text = stored && typeof stored === "object" ? describe(stored as Group) : "";
  return text || t("automation.condition.always");
}
