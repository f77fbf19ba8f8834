import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { currencyRates, deals, stageHistory, stages } from "@/db/schema";
import { parseBoardQuery } from "@/lib/board/url-state";
import { columnStats } from "@/lib/board/column-totals";
import { columnPage, getBoard, type BoardStage } from "@/lib/board/queries";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { DEAL_CHANNEL } from "@/lib/live/deal-changes";
import { viewerFor } from "@/lib/permissions/load";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";
import { heardSoFar } from "../helpers/notifications";

let handle: TestDb;
let db: Db;
let org: TestOrg;
const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: {} as Record<string, string>, fields: [] };
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
/** The deals of a stage in board order. */
async function columnIds(stageId: number): Promise<number[]> {
  const rows = await db.select({ id: deals.id }).from(deals).where(eq(deals.stageId, stageId)).orderBy(asc(sql`${deals.boardPosition} collate "C"`), asc(deals.id));
  return rows.map((r) => r.id);
}
async function positions(): Promise<Map<number, string>> {
  const rows = await db.select({ id: deals.id, key: deals.boardPosition }).from(deals).where(eq(deals.orgId, org.orgId));
  return new Map(rows.map((r) => [r.id, r.key]));
}
async function freshStage(name: string, semantics: "P" | "S" | "F" = "P", rotDays: number | null = null): Promise<BoardStage & { pipelineId: number }> {
  const [row] = await db
    .insert(stages)
    .values({ orgId: org.orgId, pipelineId: org.pipelines[0]!.id, code: `T_${name}_${Math.random().toString(36).slice(2, 8)}`, name, sort: 45, color: "#123456", semantics, rotDays })
    .returning();
  return { id: row!.id, name, color: "#123456", semantics, rotDays, pipelineId: row!.pipelineId };
}
const add = (stageId: number, extra: Partial<Parameters<typeof dealInput>[0]> = {}) => inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId, ...extra })));

describe("board positions", () => {
  it("puts a new deal on top of its column", async () => {
    const stage = await freshStage("Top");
    const a = await add(stage.id);
    const b = await add(stage.id);
    const c = await add(stage.id);
    expect(await columnIds(stage.id)).toEqual([c, b, a]);
  });

  it("drops a card below another one, rewriting only that card's row", async () => {
    const from = await freshStage("From");
    const to = await freshStage("To");
    const x = await add(from.id);
    const [t1, t2, t3] = [await add(to.id), await add(to.id), await add(to.id)];
    expect(await columnIds(to.id)).toEqual([t3, t2, t1]);
    const before = await positions();
    await inTx((tx) => moveDeals(tx, org.admin, [x], { stageId: to.id, afterId: t2 }));
    expect(await columnIds(to.id)).toEqual([t3, t2, x, t1]);
    const after = await positions();
    expect([...after].filter(([id, key]) => before.get(id) !== key).map(([id]) => id)).toEqual([x]);
    const history = await db.select().from(stageHistory).where(eq(stageHistory.dealId, x)).orderBy(asc(stageHistory.id));
    expect(history.map((h) => [h.typeId, h.stageId])).toEqual([
      [1, from.id],
      [2, to.id],
    ]);
  });

  it("reorders within a column without bumping the version or writing history", async () => {
    const stage = await freshStage("Reorder");
    const [a, b] = [await add(stage.id), await add(stage.id)];
    const [before] = await db.select().from(deals).where(eq(deals.id, b));
    await inTx((tx) => moveDeals(tx, org.admin, [b], { stageId: stage.id, afterId: a }));
    expect(await columnIds(stage.id)).toEqual([a, b]);
    const [after] = await db.select().from(deals).where(eq(deals.id, b));
    expect(after!.version).toBe(before!.version);
    expect(await db.$count(stageHistory, eq(stageHistory.dealId, b))).toBe(1);
  });

  it("keeps the order of several cards dropped together and reports the ones refused", async () => {
    const from = await freshStage("MultiFrom");
    const to = await freshStage("MultiTo");
    const seller = (await viewerFor(db, org.seller.id))!; // knows the new stages
    const mine = await inTx((tx) => createDeal(tx, seller, dealInput({ stageId: from.id })));
    const closed = await add(from.id, { opened: false, assignedById: org.other.id });
    const other = await add(from.id);
    const result = await inTx((tx) => moveDeals(tx, seller, [other, closed, mine], { stageId: to.id, afterId: null }));
    expect(result.moved).toEqual([other, mine]);
    expect(result.refused).toEqual([{ id: closed, reason: "errors.notFound", vars: undefined }]);
    expect(await columnIds(to.id)).toEqual([other, mine]);
  });

  it("refuses a stage of another pipeline, a stage that is gone, and a deal the viewer may not change", async () => {
    const id = await add(org.stage(0, "NEW").id);
    expect((await refusal(inTx((tx) => moveDeals(tx, org.admin, [id], { stageId: org.stage(1, "NEW").id, afterId: null })))).messageKey).toBe("board.otherPipeline");
    expect((await refusal(inTx((tx) => moveDeals(tx, org.admin, [id], { stageId: 2 ** 31 - 1, afterId: null })))).messageKey).toBe("board.stageGone");
    const closed = await add(org.stage(0, "NEW").id, { opened: false, assignedById: org.other.id });
    expect((await refusal(inTx((tx) => moveDeals(tx, org.seller, [closed], { stageId: org.stage(0, "PREPARATION").id, afterId: null })))).messageKey).toBe("errors.notFound");
  });

  it("records two simultaneous moves of one card in order; the last commit wins", async () => {
    const id = await add(org.stage(0, "NEW").id);
    const targets = [org.stage(0, "PREPARATION").id, org.stage(0, "EXECUTING").id];
    await Promise.all(targets.map((stageId) => inTx((tx) => moveDeals(tx, org.admin, [id], { stageId, afterId: null }))));
    const history = await db.select().from(stageHistory).where(eq(stageHistory.dealId, id)).orderBy(asc(stageHistory.id));
    expect(history).toHaveLength(3);
    expect(new Set(history.slice(1).map((h) => h.stageId))).toEqual(new Set(targets));
    const [deal] = await db.select({ stageId: deals.stageId }).from(deals).where(eq(deals.id, id));
    expect(deal!.stageId).toBe(history.at(-1)!.stageId);
  });

  it("loses no move when many run at once", async () => {
    const from = await freshStage("ManyFrom");
    const to = await freshStage("ManyTo");
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await add(from.id));
    await Promise.all(ids.map((id) => inTx((tx) => moveDeals(tx, org.admin, [id], { stageId: to.id, afterId: null }))));
    expect((await columnIds(to.id)).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(await db.$count(stageHistory, and(eq(stageHistory.stageId, to.id)))).toBe(40);
  });

  it("announces the stages that changed on commit, and nothing for a rolled-back change", async () => {
    const received: string[] = [];
    const stop = await handle.listen(DEAL_CHANNEL, (p) => received.push(p), () => undefined);
    const stage = await freshStage("Announce");
    await add(stage.id);
    await inTx(async (tx) => {
      await createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id }));
      throw new Error("roll back");
    }).catch(() => undefined);
    expect(await heardSoFar(db, DEAL_CHANNEL, received)).toEqual([JSON.stringify({ o: org.orgId, s: [stage.id] })]);
    await stop();
  });
});

describe.runIf(process.env.DATABASE_URL)("live updates across app servers", () => {
  it("reach a second server process's listener on the same PostgreSQL database", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${handle.name}`;
    const second = await openDatabase({ url: url.toString() }); // another app server: its own pool and listener
    const received: string[] = [];
    const stop = await second.listen(DEAL_CHANNEL, (p) => received.push(p), () => undefined);
    const stage = await freshStage("TwoServers");
    await add(stage.id);
    await expect.poll(() => received, { timeout: 2000 }).toEqual([JSON.stringify({ o: org.orgId, s: [stage.id] })]);
    await stop();
    await second.close();
  });

  it("report a listener's lost connection once, so the hub reconnects once", async () => {
    let lost = 0;
    const stop = await handle.listen("crm_test_channel", () => undefined, () => lost++);
    await db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen "crm_test_channel"' and pid <> pg_backend_pid()`);
    await expect.poll(() => lost, { timeout: 2000 }).toBe(1);
    // Resolves once the connection has ended, so both of pg's reports of it (error, then end) are in.
    await stop();
    expect(lost).toBe(1);
  });

  it("give two cards dropped into the same gap at once keys of their own", async () => {
    const from = await freshStage("GapFrom");
    const to = await freshStage("GapTo");
    const [x, y] = [await add(from.id), await add(from.id)];
    const [below, above] = [await add(to.id), await add(to.id)];
    await Promise.all([x, y].map((id) => inTx((tx) => moveDeals(tx, org.admin, [id], { stageId: to.id, afterId: above }))));
    const keys = (await db.select({ id: deals.id, key: deals.boardPosition }).from(deals).where(eq(deals.stageId, to.id))).map((r) => r.key);
    expect(new Set(keys).size).toBe(4);
    const order = await columnIds(to.id);
    expect(order[0]).toBe(above);
    expect(order[3]).toBe(below);
  });
});

describe("board columns", () => {
  it("sums each column in the base currency, flags currencies without a rate, and hides hidden amounts", async () => {
    const stage = await freshStage("Sums");
    await add(stage.id, { amount: "1000000" });
    await add(stage.id, { amount: "10.50", currency: "USD" });
    await add(stage.id, { amount: "3", currency: "EUR" });
    await db.insert(currencyRates).values({ orgId: org.orgId, currency: "USD", rate: "25000" }).onConflictDoUpdate({ target: [currencyRates.orgId, currencyRates.currency], set: { rate: "25000" } });
    const query = parseBoardQuery({});
    const rated = { ...context, rates: { USD: "25000" } };
    const stats = await columnStats(db, org.admin, stage.pipelineId, [stage], query, rated);
    expect(stats.get(stage.id)).toEqual({ count: 3, sum: "1262500", unconverted: true });
    const page = await columnPage(db, org.admin, stage.pipelineId, stage, query, rated, null);
    expect(page.cards.map((c) => c.baseAmount).sort()).toEqual(["1000000.00", "262500.00", null].sort());
    const seller = (await viewerFor(db, org.seller.id))!;
    const hidden = { ...seller, access: { ...seller.access, pipelines: { ...seller.access.pipelines, [stage.pipelineId]: { ...seller.access.pipelines[stage.pipelineId]!, hideAmounts: true } } } };
    expect((await columnStats(db, hidden, stage.pipelineId, [stage], query, context)).get(stage.id)!.sum).toBeNull();
    const hiddenPage = await columnPage(db, hidden, stage.pipelineId, stage, query, context, null);
    expect(hiddenPage.cards.every((c) => c.amount === null && c.baseAmount === null)).toBe(true);
  });

  it("counts only what the viewer may read", async () => {
    const stage = await freshStage("Scope");
    await add(stage.id, { opened: false, assignedById: org.other.id });
    await add(stage.id);
    const query = parseBoardQuery({});
    expect((await columnStats(db, org.admin, stage.pipelineId, [stage], query, context)).get(stage.id)!.count).toBe(2);
    const seller = (await viewerFor(db, org.seller.id))!;
    expect((await columnStats(db, seller, stage.pipelineId, [stage], query, context)).get(stage.id)!.count).toBe(1);
  });

  it("pages a column with its own cursor: no card twice, none skipped, while others move away", async () => {
    const stage = await freshStage("Paging");
    const elsewhere = await freshStage("Elsewhere");
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) ids.push(await add(stage.id));
    for (const order of ["manual", "newest", "amount", "closeDate", "activity"] as const) {
      const query = parseBoardQuery({ order });
      const first = await columnPage(db, org.admin, stage.pipelineId, stage, query, context, null);
      expect(first.cards).toHaveLength(20);
      expect(first.next).not.toBeNull();
      // Cards already shown move to another column meanwhile.
      const gone = first.cards.slice(0, 5).map((c) => c.id);
      await inTx((tx) => moveDeals(tx, org.admin, gone, { stageId: elsewhere.id, afterId: null }));
      const second = await columnPage(db, org.admin, stage.pipelineId, stage, query, context, first.next);
      const third = await columnPage(db, org.admin, stage.pipelineId, stage, query, context, second.next);
      expect(third.next).toBeNull();
      const seen = [...first.cards, ...second.cards, ...third.cards].map((c) => c.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(ids));
      await inTx((tx) => moveDeals(tx, org.admin, gone, { stageId: stage.id, afterId: null }));
    }
  });

  it("marks stale deals by the days since they entered the stage, and filters to them", async () => {
    const stage = await freshStage("Rot", "P", 5);
    const fresh = await add(stage.id);
    const old = await add(stage.id);
    await db.update(deals).set({ movedAt: sql`now() - interval '9 days'`, createdAt: sql`now() - interval '30 days'` }).where(eq(deals.id, old));
    await db.update(deals).set({ createdAt: sql`now() - interval '30 days'` }).where(eq(deals.id, fresh));
    const all = await columnPage(db, org.admin, stage.pipelineId, stage, parseBoardQuery({}), context, null);
    expect(all.cards.find((c) => c.id === old)!.staleDays).toBe(9);
    expect(all.cards.find((c) => c.id === fresh)!.staleDays).toBeNull();
    const staleQuery = parseBoardQuery({ stale: "1" });
    expect((await columnPage(db, org.admin, stage.pipelineId, stage, staleQuery, context, null)).cards.map((c) => c.id)).toEqual([old]);
    expect((await columnStats(db, org.admin, stage.pipelineId, [stage], staleQuery, context)).get(stage.id)!.count).toBe(1);
  });

  it("shows won and lost columns only when the filter asks for them", async () => {
    const pipeline = { ...org.pipelines[0]!, stages: org.pipelines[0]!.stages.map((s) => ({ ...s, rotDays: null })) };
    const inProgress = await getBoard(db, org.admin, pipeline, parseBoardQuery({}), context);
    expect(inProgress.every((c) => c.stage.semantics === "P")).toBe(true);
    const closed = await getBoard(db, org.admin, pipeline, parseBoardQuery({ semantics: ["S", "F"] }), context);
    expect(closed.map((c) => c.stage.semantics).sort()).toEqual(["F", "F", "S"]);
  });
});
