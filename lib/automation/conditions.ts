import { addDecimals } from "@/lib/money/money";
import { searchable } from "@/lib/search/normalize";
import type { Comparison, ConditionGroup } from "./definitions";

/**
 * A deal as conditions see it: field code → value. Standard fields by name (title, amount,
 * amountBase, stageId, assignedById, sourceId, closeDate…), custom fields as "uf.CODE", client
 * fields as "company.title", "contact.email"… Lists (contactIds, multiple values) as arrays.
 */
export type DealSnapshot = Record<string, string | number | boolean | null | (string | number)[]>;

export type ConditionResult = { passed: true } | { passed: false; failed: Comparison };

const isNumeric = (value: string) => /^-?\d+(\.\d+)?$/.test(value.trim());
const decimalSign = (difference: string) => (difference.startsWith("-") ? -1 : /[1-9]/.test(difference) ? 1 : 0);
const isEmpty = (value: DealSnapshot[string] | undefined) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

function compareOne(actual: DealSnapshot[string] | undefined, cmp: Comparison["cmp"], expected: string): boolean {
  if (Array.isArray(actual)) {
    // A list matches "eq"/"contains" when one of its items does; "ne" when none does.
    if (cmp === "ne") return actual.every((item) => compareOne(item, "ne", expected));
    return actual.some((item) => compareOne(item, cmp, expected));
  }
  const text = actual === null || actual === undefined ? "" : String(actual);
  if (cmp === "contains") return searchable(text).includes(searchable(expected));
  // Numbers compare as exact decimals (an 18-digit amount is no float); ISO dates and text as text.
  const order = isNumeric(text) && isNumeric(expected) ? decimalSign(addDecimals(text.trim(), expected.trim(), -1)) : searchable(text).localeCompare(searchable(expected));
  switch (cmp) {
    case "eq":
      return order === 0;
    case "ne":
      return order !== 0;
    case "gt":
      return !isEmpty(actual) && order > 0;
    case "gte":
      return !isEmpty(actual) && order >= 0;
    case "lt":
      return !isEmpty(actual) && order < 0;
    case "lte":
      return !isEmpty(actual) && order <= 0;
    default:
      return false;
  }
}

export function evaluateComparison(comparison: Comparison, deal: DealSnapshot): boolean {
  const actual = deal[comparison.field];
  if (comparison.cmp === "empty") return isEmpty(actual);
  if (comparison.cmp === "notEmpty") return !isEmpty(actual);
  return compareOne(actual, comparison.cmp, comparison.value ?? "");
}

/** Whether the deal meets the condition; when not, the (first) comparison that failed, for the log. */
export function evaluateCondition(condition: ConditionGroup | null | undefined, deal: DealSnapshot): ConditionResult {
  if (!condition || condition.items.length === 0) return { passed: true };
  let firstFailure: Comparison | null = null;
  const results = condition.items.map((item) => {
    const result = "op" in item ? evaluateCondition(item, deal) : evaluateComparison(item, deal) ? ({ passed: true } as const) : ({ passed: false, failed: item } as const);
    if (!result.passed) firstFailure ??= result.failed;
    return result.passed;
  });
  const passed = condition.op === "and" ? results.every(Boolean) : results.some(Boolean);
  return passed ? { passed: true } : { passed: false, failed: firstFailure ?? (condition.items[0] as Comparison) };
}

/** The fields a condition names (to refuse one on a field that no longer exists when saved, and log it when run). */
export function fieldsOf(condition: ConditionGroup | null | undefined): string[] {
  if (!condition) return [];
  return condition.items.flatMap((item) => ("op" in item ? fieldsOf(item) : [item.field]));
}
