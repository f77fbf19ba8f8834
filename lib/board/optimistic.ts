import { addDecimals } from "@/lib/money/money";

/** The board as the browser holds it: enough to move cards at once and undo if the server refuses. */
type Stats = { count: number; sum: string | null; unconverted: boolean };
type Card = { id: number; baseAmount: string | null };
type Column = { stage: { id: number }; stats: Stats; cards: Card[] };

function withoutCards<T extends Column>(column: T, ids: Set<number>): { column: T; removed: T["cards"] } {
  const removed = column.cards.filter((c) => ids.has(c.id));
  if (removed.length === 0) return { column, removed };
  let sum = column.stats.sum;
  for (const card of removed) if (sum !== null && card.baseAmount !== null) sum = addDecimals(sum, card.baseAmount, -1);
  return {
    column: { ...column, cards: column.cards.filter((c) => !ids.has(c.id)), stats: { ...column.stats, count: Math.max(0, column.stats.count - removed.length), sum } },
    removed,
  };
}

/**
 * Moves cards (in the given order) into a stage right below `afterId` (null: the top), updating
 * counts and sums. A stage that is not a column (a drop zone, e.g. Won) or `null` (Delete) only
 * removes them. Cards that are not loaded still count: the server's answer corrects totals.
 */
export function applyMove<T extends Column>(columns: T[], ids: number[], toStageId: number | null, afterId: number | null): T[] {
  type C = T["cards"][number];
  const moving = new Set(ids);
  const removed = new Map<number, C>();
  const next = columns.map((column) => {
    const result = withoutCards(column, moving);
    for (const card of result.removed) removed.set(card.id, card);
    return result.column;
  });
  const target = next.findIndex((c) => c.stage.id === toStageId);
  if (target < 0) return next;
  const column = next[target]!;
  const cards = ids.map((id) => removed.get(id)).filter((c): c is C => c !== undefined);
  const at = afterId === null ? 0 : column.cards.findIndex((c) => c.id === afterId) + 1;
  let sum = column.stats.sum;
  for (const card of cards) if (sum !== null && card.baseAmount !== null) sum = addDecimals(sum, card.baseAmount);
  next[target] = {
    ...column,
    cards: [...column.cards.slice(0, at), ...cards, ...column.cards.slice(at)],
    stats: { ...column.stats, count: column.stats.count + cards.length, sum },
  };
  return next;
}

/**
 * Puts `ids` back where `before` had them, keeping every other change made since (another drag
 * that is still on its way must not be undone with a refused one).
 */
export function undoMove<T extends Column>(current: T[], before: T[], ids: number[]): T[] {
  const moving = new Set(ids);
  const next = current.map((column) => withoutCards(column, moving).column);
  for (const old of before) {
    const at = next.findIndex((c) => c.stage.id === old.stage.id);
    if (at < 0) continue;
    let column = next[at]!;
    old.cards.forEach((card, index) => {
      if (!moving.has(card.id)) return;
      // Right below the nearest card that was above it and is still in the column; else the top.
      const have = new Set(column.cards.map((c) => c.id));
      const above = old.cards.slice(0, index).reverse().find((c) => have.has(c.id));
      const position = above ? column.cards.findIndex((c) => c.id === above.id) + 1 : 0;
      const sum = column.stats.sum !== null && card.baseAmount !== null ? addDecimals(column.stats.sum, card.baseAmount) : column.stats.sum;
      column = {
        ...column,
        cards: [...column.cards.slice(0, position), card, ...column.cards.slice(position)],
        stats: { ...column.stats, count: column.stats.count + 1, sum },
      };
    });
    next[at] = column;
  }
  return next;
}
