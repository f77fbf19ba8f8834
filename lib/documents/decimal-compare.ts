import { addDecimals } from "@/lib/money/money";

/** Exact comparison of two decimal strings: -1, 0 or 1. */
export function compareDecimalStrings(a: string, b: string): number {
  const diff = addDecimals(a, b, -1);
  return diff.startsWith("-") ? -1 : /^0(\.0*)?$/.test(diff) ? 0 : 1;
}
