import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareKeys, keyBetween, keysBetween } from "@/lib/board/order-keys";
import { applyMove, undoMove } from "@/lib/board/optimistic";
import { addDecimals } from "@/lib/money/money";

describe("board position keys", () => {
  it("stay strictly ordered whatever the sequence of drops", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 200 }), (drops) => {
        const column: string[] = [];
        for (const at of drops) {
          const i = at % (column.length + 1);
          column.splice(i, 0, keyBetween(column[i - 1] ?? null, column[i] ?? null));
        }
        for (let i = 1; i < column.length; i++) expect(compareKeys(column[i - 1]!, column[i]!)).toBe(-1);
      }),
    );
  });

  it("stay short when new deals always go on top", () => {
    let top: string | null = null;
    for (let i = 0; i < 10_000; i++) top = keyBetween(null, top);
    expect(top!.length).toBeLessThanOrEqual(6);
  });

  it("give several cards dropped together keys in order between their neighbours", () => {
    const keys = keysBetween("a1", "a2", 5);
    expect(keys).toHaveLength(5);
    expect([...keys].sort(compareKeys)).toEqual(keys);
    expect(keys.every((k) => k > "a1" && k < "a2")).toBe(true);
  });

  it("refuse bounds out of order instead of producing a wrong key", () => {
    expect(() => keyBetween("a2", "a1")).toThrow(RangeError);
    expect(() => keyBetween("a1", "a1")).toThrow(RangeError);
  });

  it("compare like PostgreSQL's C collation: byte order, upper case before lower case", () => {
    expect(["a0", "Zz", "a0V", "b00"].sort(compareKeys)).toEqual(["Zz", "a0", "a0V", "b00"]);
  });
});

describe("addDecimals", () => {
  it("matches integer arithmetic in minor units", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (a, b) => {
        const show = (v: bigint) => {
          const negative = v < 0n;
          const digits = (negative ? -v : v).toString().padStart(3, "0");
          return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
        };
        expect(Number(addDecimals(show(a), show(b)))).toBe(Number(show(a + b)));
        expect(addDecimals(show(a), show(b), -1)).toBe(addDecimals(show(a - b), "0"));
      }),
    );
  });
});

describe("applyMove (the board's optimistic update)", () => {
  const col = (id: number, cards: [number, string | null][], count = cards.length, sum: string | null = "0") => ({ stage: { id }, stats: { count, sum, unconverted: false }, cards: cards.map(([cid, baseAmount]) => ({ id: cid, baseAmount })), next: null });
  const board = [col(1, [[10, "100"], [11, "50.5"], [12, null]], 5, "300.5"), col(2, [[20, "7"]], 1, "7")];

  it("moves cards below a card, with counts and sums", () => {
    const next = applyMove(board, [11, 10], 2, 20);
    expect(next[0]!.cards.map((c) => c.id)).toEqual([12]);
    expect(next[0]!.stats).toEqual({ count: 3, sum: "150", unconverted: false });
    expect(next[1]!.cards.map((c) => c.id)).toEqual([20, 11, 10]);
    expect(next[1]!.stats).toEqual({ count: 3, sum: "157.5", unconverted: false });
    expect(board[0]!.cards).toHaveLength(3); // the snapshot to roll back to is untouched
  });

  it("only removes cards dropped on a zone that is not a column, or deleted", () => {
    const next = applyMove(board, [20], null, null);
    expect(next[1]!.cards).toEqual([]);
    expect(next[1]!.stats.count).toBe(0);
  });

  it("leaves hidden sums hidden", () => {
    const hidden = [col(1, [[1, null]], 1, null), col(2, [], 0, null)];
    expect(applyMove(hidden, [1], 2, null)[1]!.stats).toEqual({ count: 1, sum: null, unconverted: false });
  });

  it("undoes a refused move only, keeping a later move that is still on its way", () => {
    const first = applyMove(board, [10, 11], 2, null); // refused later
    const second = applyMove(first, [12], 2, 20); // accepted
    const undone = undoMove(second, board, [10, 11]);
    expect(undone[0]!.cards.map((c) => c.id)).toEqual([10, 11]);
    expect(undone[0]!.stats).toEqual({ count: 4, sum: "300.5", unconverted: false });
    expect(undone[1]!.cards.map((c) => c.id)).toEqual([20, 12]);
    expect(undone[1]!.stats).toEqual({ count: 2, sum: "7", unconverted: false });
  });

  it("brings back cards dropped on a zone, in their place", () => {
    const undone = undoMove(applyMove(board, [11], null, null), board, [11]);
    expect(undone).toEqual(board);
  });
});
