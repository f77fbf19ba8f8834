/** What the benchmark asks for, found in the generated data (and the moved deals put back). */
import { Client } from "pg";

export type Fixtures = Awaited<ReturnType<typeof loadFixtures>>;

const cursor = (value: string, id: number) => Buffer.from(JSON.stringify([value, id]), "utf8").toString("base64url");

export async function loadFixtures(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const one = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as T;
  try {
    const org = await one<{ id: number }>("select id from orgs order by id limit 1");
    if (!org) throw new Error("no benchmark data: run `npm run bench:data` first");
    const pipeline = await one<{ id: number }>("select id from pipelines where org_id = $1 and is_default", [org.id]);
    const stages = (await client.query<{ id: number }>("select id from stages where pipeline_id = $1 and semantics = 'P' order by sort", [pipeline.id])).rows.map((r) => r.id);
    const users = await one<{ admin: number; sales: number }>(
      "select (select id from users where email = 'bench.admin@example.com') as admin, (select id from users where email = 'bench.sales@example.com') as sales",
    );
    // The moving deals start in the first stage each run.
    const moveDeal = await one<{ id: number }>("select id from deals where pipeline_id = $1 and assigned_by_id <> $2 and custom = '{}' order by id limit 1", [pipeline.id, users.sales]);
    const salesMoveDeal = await one<{ id: number }>("select id from deals where pipeline_id = $1 and assigned_by_id = $2 and stage_semantics = 'P' order by id limit 1", [pipeline.id, users.sales]);
    await client.query("update deals set stage_id = $1, stage_semantics = 'P', closed = false where id = any($2::int[])", [stages[0], [moveDeal.id, salesMoveDeal.id]]);
    const counts = await one<{ deals: number; activities: number; shown: number }>(
      "select (select count(*) from deals)::int as deals, (select count(*) from activities)::int as activities, (select count(*) from deals where pipeline_id = $1)::int as shown",
      [pipeline.id],
    );
    const deep = await one<{ v: string; id: number }>("select created_at::text as v, id from deals where org_id = $1 order by created_at desc, id desc offset $2 limit 1", [org.id, Math.max(0, Math.min(500_000, counts.deals - 60))]);
    const columnCursor = await one<{ v: string; id: number }>('select board_position as v, id from deals where stage_id = $1 order by board_position collate "C", id offset 19 limit 1', [stages[0]]);
    const exportFrom = await one<{ d: string }>(
      "select to_char((created_at at time zone 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') as d from deals where pipeline_id = $1 order by created_at desc offset $2 limit 1",
      [pipeline.id, Math.min(99_999, counts.shown - 1)],
    );
    const cardDeal = await one<{ id: number }>("select deal_id as id from deal_events where kind = 'updated' group by deal_id order by count(*) desc limit 1");
    const salesCardDeal = await one<{ id: number }>("select id from deals where assigned_by_id = $1 order by id limit 1", [users.sales]);
    // Bulk: the ~10,000 newest deals of the stage (outside the board's pipeline) closest to that size;
    // changing their responsible does not change who matches, so each run changes the same deals.
    const bulkStage = await one<{ id: number; n: number }>(
      "select stage_id as id, count(*)::int as n from deals where org_id = $1 and pipeline_id <> $2 group by stage_id order by abs(count(*) - 10000), stage_id limit 1",
      [org.id, pipeline.id],
    );
    const bulkFrom = await one<{ d: string } | undefined>(
      "select to_char((created_at at time zone 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') as d from deals where stage_id = $1 order by created_at desc offset 9999 limit 1",
      [bulkStage.id],
    );
    const bulkQuery = `stage=${bulkStage.id}${bulkFrom ? `&createdFrom=${bulkFrom.d}` : ""}`;
    const bulkCount = await one<{ n: number }>(
      `select count(*)::int as n from deals where stage_id = $1 and ($2::date is null or created_at >= ($2::date)::timestamp at time zone 'Asia/Ho_Chi_Minh')`,
      [bulkStage.id, bulkFrom?.d ?? null],
    );
    const bulkUsers = (await client.query<{ id: number }>("select id from users where org_id = $1 and id not in ($2, $3) order by id limit 2", [org.id, users.admin, users.sales])).rows.map((r) => r.id);
    const columnPage = `/deals/kanban/cards?pipeline=${pipeline.id}&stage=${stages[0]}&cursor=${columnCursor ? cursor(columnCursor.v, columnCursor.id) : ""}`;
    const invoicePdf = await one<{ id: number } | undefined>("select id from documents where org_id = $1 and number = 'HD-BENCH-50'", [org.id]);
    // A region of the department tree (four teams): what its head filters analytics by.
    const region = await one<{ id: number }>("select id from departments where org_id = $1 and name = 'Miền Bắc'", [org.id]);
    // The last 365 days: a custom period whose first and last months are partial (read from the reach rows).
    const yearAgo = await one<{ from: string; to: string }>(
      "select to_char((now() at time zone 'Asia/Ho_Chi_Minh')::date - 365, 'YYYY-MM-DD') as from, to_char((now() at time zone 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') as to",
    );
    // Sales plans of this year: every employee's per month, each team's per quarter, each pipeline's
    // and the company's for the year (idempotent: one plan per target, metric and period).
    await client.query(
      `insert into sales_plans (org_id, target, target_id, metric, period, period_start, goal)
       select $1, 'employee', u.id, 'revenue', 'month', make_date($2, m, 1), 500000000 from users u cross join generate_series(1, 12) m where u.org_id = $1
       union all select $1, 'department', d.id, 'deals', 'quarter', make_date($2, q * 3 - 2, 1), 300 from departments d cross join generate_series(1, 4) q where d.org_id = $1
       union all select $1, 'pipeline', p.id, 'revenue', 'year', make_date($2, 1, 1), 100000000000 from pipelines p where p.org_id = $1
       union all select $1, 'company', null, 'revenue', 'year', make_date($2, 1, 1), 500000000000
       on conflict (org_id, target, coalesce(target_id, 0), metric, period, period_start) do nothing`,
      [org.id, Number(yearAgo.to.slice(0, 4))],
    );
    const postgres = (await one<{ server_version: string }>("show server_version")).server_version;
    return {
      orgId: org.id,
      pipelineId: pipeline.id,
      stages,
      ...counts,
      moveDeal: moveDeal.id,
      salesMoveDeal: salesMoveDeal.id,
      deepCursor: deep ? cursor(deep.v, deep.id) : "",
      columnPageUrl: { admin: columnPage, sales: columnPage },
      exportFrom: exportFrom.d,
      cardDeal: cardDeal?.id ?? salesCardDeal.id,
      salesCardDeal: salesCardDeal.id,
      bulkUsers,
      bulkQuery,
      bulkCount: bulkCount.n,
      searchText: "lắp đặt camera",
      invoicePdf: invoicePdf?.id ?? null,
      regionId: region.id,
      lastYear: yearAgo,
      postgres,
    };
  } finally {
    await client.end();
  }
}
