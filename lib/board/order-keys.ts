import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

/**
 * Manual card order on the board: each deal holds a fractional key, and a card dropped between
 * two others gets a key between theirs, so a move writes exactly one row and the column is never
 * renumbered. Keys are ASCII and compare byte-wise (SQL: `collate "C"`).
 * A null bound is the top (`before`) or the bottom (`after`) of the column.
 */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && after !== null && before >= after) throw new RangeError(`keys out of order: ${before} >= ${after}`);
  return generateKeyBetween(before, after);
}

/** `n` keys in order between two bounds: several cards dropped together keep their order. */
export function keysBetween(before: string | null, after: string | null, n: number): string[] {
  if (before !== null && after !== null && before >= after) throw new RangeError(`keys out of order: ${before} >= ${after}`);
  return generateNKeysBetween(before, after, n);
}

/** Byte-wise comparison, as PostgreSQL's "C" collation compares keys. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
