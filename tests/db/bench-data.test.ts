import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBenchData, type BenchDataSummary } from "@/bench/dataset/generate";
import { dealSearchText } from "@/lib/deals/search-text";
import { createTestDb, type TestDb } from "../helpers/db";

/**
 * The benchmark's data set is loaded behind the app's back (ids given, triggers off, indexes
 * dropped), so it is checked against what the app itself would have made. PostgreSQL only: the
 * generator creates its own database.
 */
describe.runIf(process.env.DATABASE_URL)("the benchmark's data set", () => {
  const DEALS = 3000;
  const name = `crm_bench_test_${randomBytes(4).toString("hex")}`;
  const url = new URL(process.env.DATABASE_URL ?? "postgres://localhost/postgres");
  url.pathname = `/${name}`;
  let client: Client;
  let summary: BenchDataSummary;
  let migrated: TestDb;
  const rows = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];

  beforeAll(async () => {
    summary = await generateBenchData({ url: url.toString(), deals: DEALS, activities: 0, seed: 7, log: () => {} });
    client = new Client({ connectionString: url.toString() });
    await client.connect();
    migrated = await createTestDb();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await migrated?.close();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("has the asked sizes and shares: 20% won, 15% lost, 5 activities a deal, a tenth of them overdue", async () => {
    const [shares] = await rows<Record<string, string>>(`select count(*) as deals,
        avg((stage_semantics = 'S')::int) as won, avg((stage_semantics = 'F')::int) as lost,
        (select count(*) from activities) as activities,
        (select avg((not completed and deadline < now())::int) from activities) as overdue,
        (select count(*) from deal_contacts)::float / count(*) as with_contact
      from deals`);
    expect(Number(shares!.deals)).toBe(DEALS);
    expect(Number(shares!.won)).toBeCloseTo(0.2, 1);
    expect(Number(shares!.lost)).toBeCloseTo(0.15, 1);
    expect(Number(shares!.activities) / DEALS).toBeGreaterThan(4.5);
    expect(Number(shares!.activities) / DEALS).toBeLessThan(5.6);
    expect(Number(shares!.overdue)).toBeCloseTo(0.1, 1);
    expect(Number(shares!.with_contact)).toBeCloseTo(0.7, 1);
  });

  it("gives every deal the activity summary the app's own function computes from its activities", async () => {
    const before = await rows<Record<string, unknown>>(`select id, next_deadline, open_activities, incoming_open from deals order by id`);
    await client.query(`select crm_refresh_deal_activities(org_id, id) from deals`);
    const after = await rows<Record<string, unknown>>(`select id, next_deadline, open_activities, incoming_open from deals order by id`);
    expect(after).toEqual(before);
    expect(before.filter((d) => Number(d.open_activities) > 0).length).toBeGreaterThan(DEALS / 2);
    const [stale] = await rows<{ n: number }>(
      `select count(*)::int as n from deals d where last_activity_at is distinct from (select max(created_at) from activities a where a.deal_id = d.id)`,
    );
    expect(stale!.n).toBe(0);
  });

  it("writes the search text dealSearchText() makes of title, company and contact", async () => {
    const deals = await rows<{ id: number; title: string; search_text: string; company: string | null; last_name: string | null; name: string | null }>(
      `select d.id, d.title, d.search_text, co.title as company, ct.last_name, ct.name
       from deals d left join companies co on co.id = d.company_id
       left join deal_contacts dc on dc.deal_id = d.id left join contacts ct on ct.id = dc.contact_id order by d.id`,
    );
    expect(deals).toHaveLength(DEALS);
    const wrong = deals.filter(
      (d) => d.search_text !== dealSearchText({ title: d.title, companyTitle: d.company, contactNames: d.last_name ? [`${d.last_name} ${d.name}`] : [] }),
    );
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("ranks each stage's cards newest first with distinct board keys", async () => {
    const misplaced = await rows<{ id: number }>(`select id from (
        select id, row_number() over (partition by stage_id order by board_position collate "C") as by_key,
          row_number() over (partition by stage_id order by created_at desc, id desc) as by_age from deals) r
      where by_key <> by_age`);
    expect(misplaced).toEqual([]);
  });

  it("rebuilds every index and foreign key the migrations make, and a new deal gets a fresh id", async () => {
    const shape = `select c.relname || ': ' || pg_get_constraintdef(k.oid) as def from pg_constraint k join pg_class c on c.oid = k.conrelid
                   where k.connamespace = 'public'::regnamespace and k.convalidated
                   union all select indexdef from pg_indexes where schemaname = 'public' order by 1`;
    const migratedUrl = new URL(url);
    migratedUrl.pathname = `/${migrated.name}`;
    const fresh = new Client({ connectionString: migratedUrl.toString() });
    await fresh.connect();
    const expected = (await fresh.query(shape)).rows;
    await fresh.end();
    expect(await rows(shape)).toEqual(expected);
    const [created] = await rows<{ id: number }>(
      `insert into deals (org_id, title, pipeline_id, stage_id, stage_semantics, amount, currency, assigned_by_id, created_by_id, modified_by_id, begin_date, close_date)
       select org_id, 'new', pipeline_id, stage_id, stage_semantics, 1, 'VND', assigned_by_id, created_by_id, modified_by_id, begin_date, close_date from deals limit 1 returning id`,
    );
    expect(created!.id).toBe(DEALS + 1);
  });

  it("keeps the board's totals ledger equal to a recount, and the heavy card as the card measure needs it", async () => {
    const key = "org_id, pipeline_id, stage_id, assigned_by_id, opened, currency";
    const ledger = await rows(`select ${key}, sum(deals)::int as n, sum(amount)::text as total from deal_stage_totals group by ${key} having sum(deals) <> 0 order by ${key}`);
    const counted = await rows(`select ${key}, count(*)::int as n, sum(amount)::text as total from deals group by ${key} order by ${key}`);
    expect(ledger).toEqual(counted);
    const doneKey = "org_id, day, responsible_id, cur_pipeline_id, assigned_by_id, opened";
    const doneLedger = await rows(`select ${doneKey}, sum(done)::int as n from activity_done_totals group by ${doneKey} having sum(done) <> 0 order by ${doneKey}`);
    expect(doneLedger.length).toBeGreaterThan(0);
    expect(doneLedger).toEqual(
      await rows(`select a.org_id, (a.completed_at at time zone o.timezone)::date as day, a.responsible_id, d.pipeline_id as cur_pipeline_id, d.assigned_by_id, d.opened, count(*)::int as n
                  from activities a join deals d on d.id = a.deal_id join orgs o on o.id = a.org_id where a.completed group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`),
    );
    const wonProducts = "org_id, deal_id, product_key, name_key, quantity::numeric(24, 4) as quantity, gross::numeric(24, 2) as gross";
    const perDeal = await rows(`select ${wonProducts} from won_deal_products order by 1, 2, 3, 4`);
    expect(perDeal.length).toBeGreaterThan(0);
    expect(perDeal).toEqual(await rows(`select ${wonProducts} from won_deal_products_source order by 1, 2, 3, 4`));
    const [totalKeys] = await rows<{ n: number }>(`select count(*)::int as n from (select 1 from won_product_totals group by org_id, month, product_key, name_key, name, unit, pipeline_id, assigned_by_id, opened, currency having sum(deals) <> 0) t`);
    expect(totalKeys!.n).toBeGreaterThan(0);
    const clients = "org_id, deal_id, kind, client_id, won_at, amount";
    const wonClients = await rows(`select ${clients} from won_deal_clients order by 1, 2, 3, 4`);
    expect(wonClients.length).toBeGreaterThan(0);
    expect(wonClients).toEqual(await rows(`select ${clients} from won_deal_clients_source order by 1, 2, 3, 4`));
    const [heavy] = await rows<Record<string, number>>(
      `select (select count(*) from deal_products where deal_id = $1)::int as products, (select count(*) from deal_events where deal_id = $1 and kind = 'updated')::int as changes,
              (select count(*) from activities where deal_id = $1)::int >= 500 as activities, (select count(*) from jsonb_object_keys(custom))::int as fields
       from deals where id = $1`,
      [summary.heavyDeal],
    );
    expect(heavy).toEqual({ products: 20, changes: 500, activities: true, fields: 30 });
  });
});
