import type { FieldChange } from "@/db/schema";
import { isEmptyValue, type CustomValues, type StoredValue } from "./values";

/** The deal's custom values after a form: the sent codes replace theirs (null clears), the rest stay. */
export function mergeCustom(before: Record<string, unknown>, sent: Record<string, StoredValue | null> | undefined): CustomValues {
  const after: Record<string, unknown> = { ...before };
  for (const [code, value] of Object.entries(sent ?? {})) {
    if (isEmptyValue(value)) delete after[code];
    else after[code] = value;
  }
  return after as CustomValues;
}

const canonical = (value: unknown) => JSON.stringify(value ?? null);

/** Old → new for every custom value that differs, recorded in the history under the field's code. */
export function diffCustom(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const codes = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return codes.filter((code) => canonical(before[code]) !== canonical(after[code])).map((code) => ({ field: code, old: before[code] ?? null, new: after[code] ?? null }));
}
