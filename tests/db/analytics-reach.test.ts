import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { activities, dealProducts, deals, products, stageHistory } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { foldActivityDone } from "@/lib/analytics/activities-done";
import { foldWonProductTotals } from "@/lib/analytics/products";
import { foldReachTotals } from "@/lib/analytics/reach";
import { createDeal } from "@/lib/deals/service";
import { moveDeals } from "@/lib/deals/move";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const DAY = 86_400_000;
const START = Date.parse("2026-01-01T00:00:00Z");

/** What the stage history says each deal reached, worked out here on its own (not by the trigger's SQL). */
async function expectedReach(): Promise<Map<string, string>> {
  const stages = org.pipelines.flatMap((p) => p.stages);
  const history = await db.select().from(stageHistory).where(eq(stageHistory.orgId, org.orgId));
  const current = new Map((await db.select().from(deals).where(eq(deals.orgId, org.orgId))).map((d) => [d.id, d]));
  const first = new Map<string, { dealId: number; stageId: number; at: number }>();
  for (const h of history) {
    const s = stages.find((x) => x.id === h.stageId)!;
    const reached = stages.filter((t) => t.pipelineId === s.pipelineId && (t.id === s.id || (t.semantics === "P" && (s.semantics === "S" || (s.semantics === "P" && t.sort <= s.sort)))));
    for (const t of reached) {
      const key = `${h.dealId}/${t.id}`;
      const at = h.at.getTime();
      if (!first.has(key) || first.get(key)!.at > at) first.set(key, { dealId: h.dealId, stageId: t.id, at });
    }
  }
  const result = new Map<string, string>();
  for (const [key, r] of first) {
    const d = current.get(r.dealId);
    if (d) result.set(key, `${new Date(r.at).toISOString()} ${d.pipelineId} ${d.stageId} ${d.assignedById} ${d.opened} ${d.currency} ${Number(d.amount).toFixed(2)}`);
  }
  return result;
}

async function keptReach(): Promise<Map<string, string>> {
  const rows = await queryRows<{ k: string; v: string }>(
    db,
    sql`select deal_id || '/' || stage_id as k, to_char(reached_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ' ' || cur_pipeline_id || ' ' || cur_stage_id || ' ' || assigned_by_id || ' ' || opened || ' ' || currency || ' ' || amount as v
        from deal_stage_reach where org_id = ${org.orgId}`,
  );
  return new Map(rows.map((r) => [r.k, r.v]));
}

/** The monthly totals against a recount of the reach rows, per key. */
async function totalsBoth(): Promise<{ kept: Map<string, string>; counted: Map<string, string>; rows: number; keys: number }> {
  const key = "pipeline_id || '/' || stage_id || '/' || month || '/' || cur_pipeline_id || '/' || still_there || '/' || assigned_by_id || '/' || opened || '/' || currency";
  const kept = await queryRows<{ k: string; v: string }>(db, sql.raw(`select ${key} as k, sum(deals) || ' ' || sum(amount) as v from deal_reach_totals group by 1 having sum(deals) <> 0`));
  const counted = await queryRows<{ k: string; v: string }>(
    db,
    sql.raw(`select ${key} as k, count(*) || ' ' || sum(amount) as v from (select r.*, date_trunc('month', reached_at at time zone 'Asia/Ho_Chi_Minh')::date as month, cur_stage_id = stage_id as still_there from deal_stage_reach r) x group by 1`),
  );
  const { rows, keys } = (await queryRows<{ rows: number; keys: number }>(db, sql.raw(`select count(*)::int as rows, count(distinct (${key}))::int as keys from deal_reach_totals`)))[0]!;
  return { kept: new Map(kept.map((r) => [r.k, String(r.v)])), counted: new Map(counted.map((r) => [r.k, String(r.v)])), rows: Number(rows), keys: Number(keys) };
}

/** The won products and activities done ledgers against a recount from the raw tables, folded or not. */
async function otherLedgers(): Promise<Record<string, unknown>> {
  const won = "org_id, deal_id, product_key, name_key, name, unit, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, quantity::numeric(24, 4) as quantity, gross::numeric(24, 2) as gross";
  const wonKey = "org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency";
  const doneKey = "org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened";
  const rows = (text: string) => queryRows<Record<string, unknown>>(db, sql.raw(text));
  return {
    clients: await rows(`select org_id, deal_id, kind, client_id, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, amount from won_deal_clients order by 2, 3, 4`),
    clientsCounted: await rows(`select org_id, deal_id, kind, client_id, won_at, pipeline_id, stage_id, assigned_by_id, opened, currency, amount from won_deal_clients_source order by 2, 3, 4`),
    wonPerDeal: await rows(`select ${won} from won_deal_products order by 2, 3, 4`),
    wonPerDealCounted: await rows(`select ${won} from won_deal_products_source order by 2, 3, 4`),
    wonTotals: await rows(`select ${wonKey}, sum(deals)::int as deals, sum(quantity)::text as quantity, sum(gross)::text as gross from won_product_totals group by ${wonKey} having sum(deals) <> 0 order by ${wonKey}`),
    wonTotalsCounted: await rows(
      `select ${wonKey}, count(*)::int as deals, sum(quantity)::text as quantity, sum(gross)::text as gross
       from (select w.*, date_trunc('month', won_at at time zone 'Asia/Ho_Chi_Minh')::date as month from won_deal_products w) x group by ${wonKey} order by ${wonKey}`,
    ),
    done: await rows(`select ${doneKey}, sum(done)::int as done from activity_done_totals group by ${doneKey} having sum(done) <> 0 order by ${doneKey}`),
    doneCounted: await rows(
      `select a.org_id, (a.completed_at at time zone 'Asia/Ho_Chi_Minh')::date as day, a.responsible_id, d.pipeline_id as cur_pipeline_id, d.assigned_by_id, d.opened, count(*)::int as done
       from activities a join deals d on d.id = a.deal_id where a.completed and a.completed_at is not null group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
    ),
  };
}

function expectLedgersAgree(l: Record<string, unknown>) {
  expect(l.clients).toEqual(l.clientsCounted);
  expect(l.wonPerDeal).toEqual(l.wonPerDealCounted);
  expect(l.wonTotals).toEqual(l.wonTotalsCounted);
  expect(l.done).toEqual(l.doneCounted);
}

describe("the funnel's reach rows and their monthly totals", () => {
  it("always say what the stage history says, and the totals (and the won products, won clients and activities done ledgers) equal a recount, whatever creates, moves, back-dated history, edits, product rows, activities, clients, bulk updates, deletes and folds happen", async () => {
    const stageIds = ["NEW", "PREPARATION", "EXECUTING", "WON", "LOSE"].map((code) => org.stage(0, code).id).concat(org.stage(1, "FINAL_INVOICE").id);
    const people = [org.admin.id, org.seller.id, org.other.id];
    type Op =
      | { op: "create"; stage: number; who: number; amount: number; day: number }
      | { op: "move"; pick: number; stage: number; day: number }
      | { op: "history"; pick: number; stage: number; day: number }
      | { op: "edit"; pick: number; amount: number; who: number; opened: boolean; usd: boolean }
      | { op: "bulk"; who: number }
      | { op: "remove"; pick: number }
      | { op: "product"; pick: number; catalogue: boolean; quantity: number }
      | { op: "unproduct"; pick: number }
      | { op: "activity"; pick: number; who: number; day: number; done: boolean }
      | { op: "toggle"; pick: number; day: number }
      | { op: "clients"; pick: number; company: boolean; contact: number }
      | { op: "fold" };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant("create" as const), stage: fc.nat(5), who: fc.nat(2), amount: fc.integer({ min: 0, max: 1_000_000 }), day: fc.nat(400) }),
      fc.record({ op: fc.constant("move" as const), pick: fc.nat(40), stage: fc.nat(5), day: fc.nat(400) }),
      fc.record({ op: fc.constant("history" as const), pick: fc.nat(40), stage: fc.nat(5), day: fc.nat(400) }),
      fc.record({ op: fc.constant("edit" as const), pick: fc.nat(40), amount: fc.integer({ min: 0, max: 1_000_000 }), who: fc.nat(2), opened: fc.boolean(), usd: fc.boolean() }),
      fc.record({ op: fc.constant("bulk" as const), who: fc.nat(2) }),
      fc.record({ op: fc.constant("remove" as const), pick: fc.nat(40) }),
      fc.record({ op: fc.constant("product" as const), pick: fc.nat(40), catalogue: fc.boolean(), quantity: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ op: fc.constant("unproduct" as const), pick: fc.nat(40) }),
      fc.record({ op: fc.constant("activity" as const), pick: fc.nat(40), who: fc.nat(2), day: fc.nat(400), done: fc.boolean() }),
      fc.record({ op: fc.constant("toggle" as const), pick: fc.nat(40), day: fc.nat(400) }),
      fc.record({ op: fc.constant("clients" as const), pick: fc.nat(40), company: fc.boolean(), contact: fc.nat(2) }),
      fc.record({ op: fc.constant("fold" as const) }),
    );
    const [product] = await db.insert(products).values({ orgId: org.orgId, name: "Camera", price: "1500000" }).returning();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        for (const op of ops) {
          const ids = (await db.select({ id: deals.id }).from(deals).where(eq(deals.orgId, org.orgId)).orderBy(deals.id)).map((d) => d.id);
          const picked = ids.length ? ids[("pick" in op ? op.pick : 0) % ids.length]! : null;
          const stageId = "stage" in op ? stageIds[op.stage]! : 0;
          const at = "day" in op ? new Date(START + op.day * DAY + (op.day % 24) * 3_600_000) : new Date();
          switch (op.op) {
            case "create":
              await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId, assignedById: people[op.who]!, amount: `${op.amount}.25` }), { now: at }));
              break;
            case "move":
              // A move into the other pipeline is refused (and rolled back): the history must say so too.
              if (picked) await inTransaction(db, (tx) => moveDeals(tx, org.admin, [picked], { stageId, afterId: null }, at)).catch((e: unknown) => expect(e).toBeInstanceOf(ActionError));
              break;
            case "history":
              if (picked) {
                const stage = org.pipelines.flatMap((p) => p.stages).find((s) => s.id === stageId)!;
                await db.insert(stageHistory).values({ orgId: org.orgId, dealId: picked, typeId: 2, pipelineId: stage.pipelineId, stageId, stageSemantics: stage.semantics, at });
              }
              break;
            case "edit":
              if (picked) await db.update(deals).set({ amount: String(op.amount), assignedById: people[op.who]!, opened: op.opened, currency: op.usd ? "USD" : "VND" }).where(eq(deals.id, picked));
              break;
            case "bulk":
              await db.execute(sql`update deals set assigned_by_id = ${people[op.who]!}, amount = amount + 1 where org_id = ${org.orgId} and id % 2 = 0`);
              break;
            case "remove":
              if (picked) await db.delete(deals).where(eq(deals.id, picked));
              break;
            case "product":
              if (picked)
                await db.insert(dealProducts).values({ orgId: org.orgId, dealId: picked, productId: op.catalogue ? product!.id : null, name: op.catalogue ? "Camera" : op.quantity % 2 ? "Lắp đặt" : "lắp đặt", price: "1500000.50", quantity: String(op.quantity), discountValue: String(op.quantity), taxRate: "10" });
              break;
            case "unproduct":
              if (picked) await db.execute(sql`delete from deal_products where id = (select min(id) from deal_products where deal_id = ${picked})`);
              break;
            case "activity":
              if (picked)
                await db.insert(activities).values({ orgId: org.orgId, dealId: picked, type: "call", subject: "call", deadline: at, responsibleId: people[op.who]!, completed: op.done, completedAt: op.done ? at : null });
              break;
            case "toggle":
              if (picked) await db.execute(sql`update activities set completed = not completed, completed_at = case when completed then null else cast(${at.toISOString()} as timestamptz) end where deal_id = ${picked}`);
              break;
            case "clients":
              // A company set or taken away, a contact added, or the first one removed.
              if (picked) {
                await db.update(deals).set({ companyId: op.company ? org.company.id : null }).where(eq(deals.id, picked));
                const contact = org.contacts[op.contact % 2]!;
                if (op.contact === 2) await db.execute(sql`delete from deal_contacts where deal_id = ${picked} and contact_id = (select min(contact_id) from deal_contacts where deal_id = ${picked})`);
                else await db.execute(sql`insert into deal_contacts (org_id, deal_id, contact_id) values (${org.orgId}, ${picked}, ${contact.id}) on conflict do nothing`);
              }
              break;
            case "fold":
              await foldReachTotals(db);
              await foldWonProductTotals(db);
              await foldActivityDone(db);
              break;
          }
        }
        expectLedgersAgree(await otherLedgers());
        expect(await keptReach()).toEqual(await expectedReach());
        const before = await totalsBoth();
        expect(before.kept).toEqual(before.counted);
        await foldReachTotals(db);
        const after = await totalsBoth();
        expect(after.kept).toEqual(after.counted);
        expect(after.rows).toBe(after.keys);
        expect(after.rows).toBe(after.counted.size);
        await foldWonProductTotals(db);
        await foldActivityDone(db);
        expectLedgersAgree(await otherLedgers());
      }),
      { numRuns: 8 },
    );
  });
});
