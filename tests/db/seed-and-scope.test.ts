import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { resetAndSeed, seedIfEmpty, type SeedSummary } from "@/db/seed";
import { checkCredentials } from "@/lib/auth/sign-in";
import { columnStats } from "@/lib/board/column-totals";
import { parseBoardQuery } from "@/lib/board/url-state";
import { can, dealScope, operations, type Viewer } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { createTestDb, type TestDb } from "../helpers/db";

let handle: TestDb;
let db: Db;
let summary: SeedSummary;
beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  summary = (await seedIfEmpty(db))!;
});
afterAll(() => handle.close());

describe("the demo seed", () => {
  it("creates the demo org once, with the data the issue asks for", async () => {
    expect(summary.deals).toBe(300);
    expect(await seedIfEmpty(db)).toBeNull();
    // Ten in sales and management, one read-only.
    expect(await db.$count(s.users)).toBe(11);
    expect(await db.$count(s.pipelines)).toBe(2);
    expect(await db.$count(s.stages)).toBe(16);
    expect(await db.$count(s.companies)).toBe(50);
    expect(await db.$count(s.contacts)).toBe(100);
    expect(await db.$count(s.departments, sql`${s.departments.parentId} is not null`)).toBeGreaterThanOrEqual(3);
  });

  it("spreads deals over stages, semantics and currencies", async () => {
    const bySemantics = await db.select({ k: s.deals.stageSemantics, n: count() }).from(s.deals).groupBy(s.deals.stageSemantics);
    expect(bySemantics.map((r) => r.k).sort()).toEqual(["F", "P", "S"]);
    const byCurrency = await db.select({ k: s.deals.currency, n: count() }).from(s.deals).groupBy(s.deals.currency);
    expect(byCurrency.map((r) => r.k).sort()).toEqual(["USD", "VND"]);
    expect(await db.$count(s.stages, sql`exists (select 1 from deals d where d.stage_id = ${s.stages.id})`)).toBeGreaterThan(10);
  });

  it("ranks every stage's deals on the board, newest first, and has currency rates for totals", async () => {
    const ties = await db.execute(sql`select stage_id, board_position from deals group by stage_id, board_position having count(*) > 1`);
    expect((ties as unknown as { rows: unknown[] }).rows).toEqual([]);
    const outOfOrder = await db.execute(sql`
      select a.id from deals a join deals b on a.stage_id = b.stage_id and a.created_at > b.created_at
      where a.board_position collate "C" > b.board_position collate "C" limit 1`);
    expect((outOfOrder as unknown as { rows: unknown[] }).rows).toEqual([]);
    expect(await db.$count(s.currencyRates, sql`${s.currencyRates.currency} = 'USD'`)).toBe(1);
  });

  it("has overdue and today's activities, and open deals with none planned", async () => {
    expect(await db.$count(s.activities, sql`not completed and deadline < now()`)).toBeGreaterThan(0);
    expect(await db.$count(s.activities, sql`not completed and deadline between now() and now() + interval '1 day'`)).toBeGreaterThan(0);
    expect(await db.$count(s.deals, sql`stage_semantics = 'P' and not exists (select 1 from activities a where a.deal_id = deals.id)`)).toBeGreaterThan(0);
  });

  it("keeps Vietnamese diacritics and lets every demo user sign in", async () => {
    expect(await db.$count(s.contacts, sql`last_name in ('Nguyễn', 'Trần', 'Lê', 'Phạm', 'Đặng')`)).toBeGreaterThan(0);
    const first = summary.users[0]!;
    expect((await checkCredentials(db, first.email, summary.password, "127.0.0.1")).ok).toBe(true);
  });

  it("product-row deals carry the exact sum of their rows", async () => {
    const mismatches = await db.execute(sql`
      select d.id from deals d join deal_products p on p.deal_id = d.id
      where not d.is_manual_amount group by d.id, d.amount having d.amount <> sum(p.price * p.quantity)`);
    expect((mismatches as unknown as { rows: unknown[] }).rows).toEqual([]);
  });
});

describe("dealScope agrees with can() for every demo user and operation", () => {
  it("returns exactly the deals can() allows", async () => {
    // Some observers, so the observer branch of the rule is exercised too.
    const [someone] = await db.select().from(s.users).where(eq(s.users.isAdmin, false)).limit(1);
    const privateDeals = await db.select({ id: s.deals.id, orgId: s.deals.orgId }).from(s.deals).where(sql`not opened and assigned_by_id <> ${someone!.id}`).limit(5);
    await db.insert(s.dealObservers).values(privateDeals.map((d) => ({ orgId: d.orgId, dealId: d.id, userId: someone!.id })));

    const allDeals = await db.select({ id: s.deals.id, orgId: s.deals.orgId, pipelineId: s.deals.pipelineId, stageId: s.deals.stageId, assignedById: s.deals.assignedById, opened: s.deals.opened }).from(s.deals);
    const observers = await db.select().from(s.dealObservers);
    const users = await db.select().from(s.users);
    for (const u of users) {
      const viewer = (await viewerFor(db, u.id))!;
      for (const op of operations) {
        const inSql = (await db.select({ id: s.deals.id }).from(s.deals).where(dealScope(viewer, op))).map((d) => d.id).sort((a, b) => a - b);
        const inTs = allDeals
          .filter((d) => can(viewer, op, { ...d, observerIds: observers.filter((o) => o.dealId === d.id).map((o) => o.userId) }))
          .map((d) => d.id)
          .sort((a, b) => a - b);
        expect(inSql, `${u.email} ${op}`).toEqual(inTs);
      }
    }
  });

  it("gives every demo user the same board totals from the maintained totals as from their readable deals", async () => {
    const allDeals = await db.select({ id: s.deals.id, orgId: s.deals.orgId, pipelineId: s.deals.pipelineId, stageId: s.deals.stageId, assignedById: s.deals.assignedById, opened: s.deals.opened }).from(s.deals);
    const observers = await db.select().from(s.dealObservers);
    const stages = await db.select().from(s.stages);
    const context = { viewerId: 0, timezone: "Asia/Ho_Chi_Minh", baseCurrency: "VND", rates: {}, fields: [] };
    for (const u of await db.select().from(s.users)) {
      const viewer = (await viewerFor(db, u.id))!;
      for (const pipelineId of new Set(stages.filter((st) => st.orgId === u.orgId).map((st) => st.pipelineId))) {
        const columns = stages.filter((st) => st.pipelineId === pipelineId).map((st) => ({ id: st.id, rotDays: null }));
        const stats = await columnStats(db, viewer, pipelineId, columns, parseBoardQuery({}), context);
        for (const column of columns) {
          const readable = allDeals.filter((d) => d.stageId === column.id && can(viewer, "READ", { ...d, observerIds: observers.filter((o) => o.dealId === d.id).map((o) => o.userId) }));
          expect(stats.get(column.id)!.count, `${u.email} stage ${column.id}`).toBe(readable.length);
        }
      }
    }
  });

  it("keeps another org's deals out of every scope", async () => {
    const [admin] = await db.select().from(s.users).where(eq(s.users.isAdmin, true)).limit(1);
    const stranger: Viewer = { ...(await viewerFor(db, admin!.id))!, orgId: admin!.orgId + 1000 };
    expect(await db.$count(s.deals, dealScope(stranger, "READ"))).toBe(0);
  });
});

describe("resetAndSeed", () => {
  it("wipes everything and seeds again with the same ids", async () => {
    await db.insert(s.orgs).values({ name: "Leftover org" });
    const again = await resetAndSeed(db);
    expect(again.orgId).toBe(1);
    expect(await db.$count(s.orgs)).toBe(1);
    expect(await db.$count(s.deals)).toBe(300);
  });
});
