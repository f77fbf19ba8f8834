import { describe, expect, it } from "vitest";
import { pagesAhead } from "@/lib/deals/list/pages-ahead";

describe("pagesAhead", () => {
  it("gives every page once, in order, and asks for the next one before it is wanted", async () => {
    const asked: (string | null)[] = [];
    const pages: Record<string, { rows: number[]; next: string | null }> = { start: { rows: [1, 2], next: "a" }, a: { rows: [3], next: "b" }, b: { rows: [4], next: null } };
    const next = pagesAhead(async (after) => {
      asked.push(after);
      return pages[after ?? "start"]!;
    });
    expect(asked).toEqual([null]); // the first page is asked for at once
    expect((await next())!.rows).toEqual([1, 2]);
    expect(asked).toEqual([null, "a"]); // the second is on its way while the first is written out
    expect((await next())!.rows).toEqual([3]);
    expect((await next())!.rows).toEqual([4]);
    expect(await next()).toBeNull();
    expect(await next()).toBeNull();
    expect(asked).toEqual([null, "a", "b"]);
  });

  it("reports a failed read when its page is asked for", async () => {
    const next = pagesAhead(async (after) => {
      if (after) throw new Error("database gone");
      return { next: "x" };
    });
    await next();
    await expect(next()).rejects.toThrow("database gone");
  });
});
