/**
 * The benchmark's data set: one org with 200 users in a department tree, 5 pipelines, and as many
 * deals as asked (default 1,000,000, a fifth in the pipeline the board shows), with companies,
 * contacts, product rows, activities, stage history and events.
 *
 *   npm run bench:data -- --deals 1000000 [--activities 5000000]
 *
 * It writes to BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/crm_bench), which it
 * drops and creates. Rows are made by PostgreSQL itself (INSERT … SELECT over generate_series), so
 * nothing crosses the wire; secondary indexes are dropped during the load and rebuilt after it.
 */
import { Client } from "pg";
import { openDatabase } from "@/db/client";
import * as data from "@/db/seed-data";
import { hashPassword } from "@/lib/auth/password";
import { createDefaultRoles } from "@/lib/permissions/defaults";
import { rankBoardPositions } from "@/lib/board/positions";
import { searchable } from "@/lib/search/normalize";
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USERS, parseArgs } from "./config";

const args = parseArgs(process.argv.slice(2), { deals: 1_000_000, activities: 0, seed: 42 });
const dealCount = args.deals;
const activityCount = args.activities || dealCount * 5;
const companyCount = Math.max(50, Math.round(dealCount / 50));
const contactCount = Math.max(100, Math.round(dealCount / 20));
const USERS = 200;
const PIPELINES = 5;

const started = Date.now();
const log = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

/** A text[] literal for SQL, and its search-normalised twin (the same index picks both). */
const arr = (values: readonly string[]) => `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(",")}]::text[]`;
const pick = (values: readonly string[], seedExpr: string) => `(${arr(values)})[1 + floor(${seedExpr} * ${values.length})::int]`;
/** A deterministic pseudo-random number in [0, 1) from an integer and a salt: reruns make the same data. */
const rnd = (idExpr: string, salt: number) => `(('x' || substr(md5((${idExpr})::text || ':${salt}:${args.seed}'), 1, 8))::bit(32)::bigint / 4294967296.0)`;

async function recreateDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
}

/**
 * Drops a table's secondary indexes and foreign keys for the load and gives back the statements
 * that rebuild them: one pass over the loaded rows instead of a check and an index entry per row.
 */
async function dropForLoad(client: Client, table: string): Promise<string[]> {
  const { rows: keys } = await client.query<{ conname: string; def: string }>(
    `select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass and contype = 'f'`,
    [table],
  );
  for (const k of keys) await client.query(`alter table "${table}" drop constraint "${k.conname}"`);
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = $1 and indexname not in (select conname from pg_constraint)`,
    [table],
  );
  for (const r of indexes) await client.query(`drop index "${r.indexname}"`);
  return [...indexes.map((r) => r.indexdef), ...keys.map((k) => `alter table "${table}" add constraint "${k.conname}" ${k.def}`)];
}

async function main() {
  const url = benchDatabaseUrl();
  log(`creating ${url.replace(/:[^:@/]*@/, ":***@")}: ${dealCount.toLocaleString("en")} deals, ${activityCount.toLocaleString("en")} activities`);
  await recreateDatabase(url);
  const handle = await openDatabase({ url }); // migrates
  const db = handle.db;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query("set synchronous_commit = off; set maintenance_work_mem = '256MB'; set work_mem = '64MB'; set jit = off");
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;

  // The org, a department tree (company → 4 regions → 4 teams each) and 200 users.
  const [org] = await q(`insert into orgs (name, base_currency, timezone, default_locale) values ('Công ty Benchmark', 'VND', 'Asia/Ho_Chi_Minh', 'vi') returning id`);
  const orgId = org.id as number;
  const [root] = await q(`insert into departments (org_id, name) values ($1, 'Công ty') returning id`, [orgId]);
  const teamIds: number[] = [];
  for (const region of ["Miền Bắc", "Miền Trung", "Miền Nam", "Quốc tế"]) {
    const [r] = await q(`insert into departments (org_id, name, parent_id) values ($1, $2, $3) returning id`, [orgId, region, root.id]);
    for (let t = 1; t <= 4; t++) {
      const [team] = await q(`insert into departments (org_id, name, parent_id) values ($1, $2, $3) returning id`, [orgId, `${region} — Nhóm ${t}`, r.id]);
      teamIds.push(team.id);
    }
  }
  const hash = await hashPassword(BENCH_PASSWORD);
  await q(
    `insert into users (org_id, email, name, password_hash, department_id, is_admin, title)
     select $1,
       case when i = 1 then $2 when i = 2 then $3 else 'user' || i || '@bench.example.com' end,
       ${pick(data.familyNames, rnd("i", 1))} || ' ' || ${pick(data.middleNames, rnd("i", 2))} || ' ' || ${pick(data.givenNames, rnd("i", 3))},
       $4, case when i = 1 then $5 else ($6::int[])[1 + (i % $7)] end, i = 1, case when i = 1 then 'Giám đốc' else 'Nhân viên kinh doanh' end
     from generate_series(1, ${USERS}) i`,
    [orgId, BENCH_USERS.admin, BENCH_USERS.sales, hash, root.id, teamIds, teamIds.length],
  );
  const userIds = (await q(`select id from users where org_id = $1 order by id`, [orgId])).map((r) => r.id as number);
  const salesIds = userIds.slice(1);

  // Five pipelines with the reference's stages, the default roles, and currency rates.
  const pipelineIds: number[] = [];
  for (let p = 0; p < PIPELINES; p++) {
    const [row] = await q(`insert into pipelines (org_id, name, sort, is_default) values ($1, $2, $3, $4) returning id`, [orgId, p === 0 ? "Bán hàng" : `Quy trình ${p + 1}`, p * 10, p === 0]);
    pipelineIds.push(row.id);
    for (const st of data.defaultStages) {
      await q(`insert into stages (org_id, pipeline_id, code, name, sort, color, semantics, is_system, rot_days) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [orgId, row.id, st.code, st.vi, st.sort, st.color, st.semantics, st.system, st.rotDays ?? null]);
    }
  }
  const roleIds = await createDefaultRoles(db, orgId, pipelineIds);
  await q(`insert into role_assignments (org_id, role_id, user_id) values ($1, $2, $3)`, [orgId, roleIds.administrator, userIds[0]]);
  await q(`insert into role_assignments (org_id, role_id, department_id, with_subdepartments) values ($1, $2, $3, true)`, [orgId, roleIds.salesPerson, root.id]);
  await q(`insert into currency_rates (org_id, currency, rate) values ($1, 'USD', 25400), ($1, 'EUR', 27500)`, [orgId]);
  const stages = await q(`select id, pipeline_id, semantics, sort from stages where org_id = $1 order by pipeline_id, sort`, [orgId]);
  log("org, 200 users, 5 pipelines, roles");

  // Companies and contacts with Vietnamese names (and a sixth in English).
  await q(
    `insert into companies (org_id, title, phones, emails, assigned_by_id, created_at)
     select $1,
       case when ${rnd("i", 10)} < 0.17 then ${pick(data.englishCompanies, rnd("i", 11))} || ' ' || i
            else ${pick(data.companyKinds, rnd("i", 12))} || ' ' || ${pick(data.companyTrades, rnd("i", 13))} || ' ' || ${pick(data.companyWords, rnd("i", 14))} || ' ' || i end,
       jsonb_build_array(jsonb_build_object('value', '+84 28 ' || (1000000 + i), 'kind', 'WORK')),
       jsonb_build_array(jsonb_build_object('value', 'info' || i || '@congty.vn', 'kind', 'WORK')),
       ($2::int[])[1 + (i % $3)], now() - interval '3 years' * ${rnd("i", 15)}
     from generate_series(1, ${companyCount}) i`,
    [orgId, salesIds, salesIds.length],
  );
  const [{ min: firstCompany }] = await q(`select min(id) from companies where org_id = $1`, [orgId]);
  await q(
    `insert into contacts (org_id, name, last_name, company_id, phones, emails, assigned_by_id, created_at)
     select $1, ${pick(data.middleNames, rnd("i", 20))} || ' ' || ${pick(data.givenNames, rnd("i", 21))}, ${pick(data.familyNames, rnd("i", 22))},
       $2::int + floor(${rnd("i", 23)} * ${companyCount})::int,
       jsonb_build_array(jsonb_build_object('value', '+84 9' || (10000000 + i), 'kind', 'MOBILE')), '[]'::jsonb,
       ($3::int[])[1 + (i % $4)], now() - interval '3 years' * ${rnd("i", 24)}
     from generate_series(1, ${contactCount}) i`,
    [orgId, firstCompany, salesIds, salesIds.length],
  );
  const [{ min: firstContact }] = await q(`select min(id) from contacts where org_id = $1`, [orgId]);
  await q(
    `insert into products (org_id, name, sku, price, currency, unit, tax_rate)
     select $1, ${pick(
       data.products.map((p) => p.name),
       rnd("i", 30),
     )} || ' — ' || i, 'SKU-' || i, round((100000 + ${rnd("i", 31)} * 50000000)::numeric, -3), 'VND', 'pcs', 10 from generate_series(1, 200) i`,
    [orgId],
  );
  const [{ min: firstProduct }] = await q(`select min(id) from products where org_id = $1`, [orgId]);
  log(`${companyCount.toLocaleString("en")} companies, ${contactCount.toLocaleString("en")} contacts, 200 products`);

  // Deals. Stage: 20% won, 15% lost, the rest in progress, mostly in the early stages. A fifth in the first pipeline.
  // Stage ids by kind, pipeline after pipeline (5 in progress, 1 success, 2 failure each), for array lookups.
  const stageIdsOf = (semantics: string) => pipelineIds.flatMap((p) => stages.filter((s) => s.pipeline_id === p && s.semantics === semantics).map((s) => s.id as number));
  const normal = (salt: number) => `(sqrt(-2 * ln(greatest(${rnd("i", salt)}, 1e-12))) * cos(2 * pi() * ${rnd("i", salt + 1)}))`;
  const dealIndexes = await dropForLoad(client, "deals");
  // The board's totals are recounted once after the load rather than kept through every bulk update.
  const totalsTriggers = ["deals_totals_inserted", "deals_totals_updated", "deals_totals_deleted"];
  for (const name of totalsTriggers) await client.query(`alter table deals disable trigger ${name}`);
  const titleWords = [...data.dealWords];
  const titleObjects = [...data.dealObjects];
  // search_text is made the way the app makes it: the same normalisation, applied to the same picks.
  const batch = 250_000;
  for (let from = 1; from <= dealCount; from += batch) {
    const to = Math.min(dealCount, from + batch - 1);
    await q(
      `with picks as materialized (
         select i,
           case when ${rnd("i", 40)} < 0.2 then 0 else 1 + floor(${rnd("i", 42)} * ${PIPELINES - 1})::int end as pipe,
           ${rnd("i", 41)} as s, ${rnd("i", 42)} as p, ${rnd("i", 43)} as c, ${rnd("i", 44)} as u,
           floor(${rnd("i", 45)} * ${titleWords.length})::int + 1 as w, floor(${rnd("i", 46)} * ${titleObjects.length})::int + 1 as o,
           now() - interval '730 days' * power(${rnd("i", 47)}, 1.5) as created,
           ${normal(48)} as z, ${rnd("i", 50)} as usd, ${rnd("i", 51)} as has_company, ${rnd("i", 52)} as custom_pick
         from generate_series(${from}, ${to}) i
       ), staged as materialized (
         select picks.*, $3::int[] as pipeline_ids,
           case when s < 0.20 then 'S' when s < 0.35 then 'F' else 'P' end as semantics,
           -- in progress: 35% / 25% / 18% / 12% / 10% over the five stages
           case when s < 0.35 + 0.65 * 0.35 then 0 when s < 0.35 + 0.65 * 0.60 then 1
                when s < 0.35 + 0.65 * 0.78 then 2 when s < 0.35 + 0.65 * 0.90 then 3 else 4 end as step
         from picks
       )
       insert into deals (org_id, title, pipeline_id, stage_id, stage_semantics, amount, currency, is_manual_amount, probability,
                          assigned_by_id, company_id, begin_date, close_date, opened, closed, source_id, type_id, custom,
                          created_at, created_by_id, updated_at, modified_by_id, moved_at, moved_by_id, version, search_text)
       select $1,
         (${arr(titleWords)})[w] || ' ' || (${arr(titleObjects)})[o] || ' #' || i,
         pipeline_ids[pipe + 1],
         case semantics when 'S' then ($5::int[])[pipe + 1] when 'F' then ($6::int[])[pipe * 2 + 1 + floor(c * 2)::int] else ($7::int[])[pipe * 5 + step + 1] end,
         semantics,
         case when usd < 0.15 then round(exp(ln(2000) + z)::numeric, 2) else round(exp(ln(50000000) + z)::numeric, -3) end,
         case when usd < 0.15 then 'USD' else 'VND' end, true,
         case when semantics = 'S' then 100 when semantics = 'F' then 0 else 10 + step * 20 end,
         ($2::int[])[1 + floor(u * ${salesIds.length})::int],
         case when has_company < 0.8 then ${firstCompany}::int + floor(c * ${companyCount})::int end,
         (created at time zone 'Asia/Ho_Chi_Minh')::date, (created at time zone 'Asia/Ho_Chi_Minh')::date + 7 + floor(p * 80)::int,
         u < 0.7, semantics <> 'P',
         (${arr(["CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION", "TRADE_SHOW"])})[1 + floor(c * 7)::int],
         (${arr(["SALE", "COMPLEX", "GOODS", "SERVICES"])})[1 + floor(u * 4)::int],
         case when custom_pick < 0.3 then (select jsonb_object_agg('UF_CRM_' || k, case when k % 3 = 0 then to_jsonb(k * i % 1000) when k % 3 = 1 then to_jsonb('giá trị ' || k) else to_jsonb(k % 2 = 0) end) from generate_series(1, 30) k) else '{}'::jsonb end,
         created, $4, created, $4, created + interval '1 day' * floor(c * 30), ($2::int[])[1 + floor(u * ${salesIds.length})::int], 1,
         (${arr(titleWords.map(searchable))})[w] || ' ' || (${arr(titleObjects.map(searchable))})[o] || ' #' || i
       from staged`,
      [orgId, salesIds, pipelineIds, userIds[0], stageIdsOf("S"), stageIdsOf("F"), stageIdsOf("P")],
    );
    log(`deals ${to.toLocaleString("en")}`);
  }
  // Search text gains the company's title, normalised in SQL by the same rules as the app (lower case, no diacritics, đ → d).
  const accents = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ";
  const plain = [...accents].map((ch) => searchable(ch)).join("");
  if ([...plain].length !== [...accents].length) throw new Error("normalisation table out of step");
  await q(
    `update deals d set search_text = d.search_text || ' ' || translate(lower(c.title), $2, $3) from companies c where c.id = d.company_id and d.org_id = $1`,
    [orgId, accents.toLowerCase(), plain],
  );
  log("search text");
  await q(`insert into deal_contacts (org_id, deal_id, contact_id, sort, is_primary)
           select org_id, id, ${firstContact}::int + floor(${rnd("id", 60)} * ${contactCount})::int, 0, true from deals where org_id = $1 and ${rnd("id", 61)} < 0.7`, [orgId]);
  log("deal contacts");
  await rankBoardPositions(db, orgId);
  log("board positions");

  // Stage history (created, then the move to the current stage) and a "created" event per deal.
  const historyIndexes = [...(await dropForLoad(client, "stage_history")), ...(await dropForLoad(client, "deal_events"))];
  await q(`insert into stage_history (org_id, deal_id, type_id, pipeline_id, stage_id, stage_semantics, user_id, at)
           select d.org_id, d.id, 1, d.pipeline_id, f.id, 'P', d.created_by_id, d.created_at from deals d
           join lateral (select id from stages s where s.pipeline_id = d.pipeline_id order by s.sort limit 1) f on true where d.org_id = $1`, [orgId]);
  await q(`insert into stage_history (org_id, deal_id, type_id, pipeline_id, stage_id, stage_semantics, user_id, at)
           select d.org_id, d.id, case when d.stage_semantics = 'P' then 2 else 3 end, d.pipeline_id, d.stage_id, d.stage_semantics, d.moved_by_id, d.moved_at
           from deals d where d.org_id = $1 and d.moved_at > d.created_at`, [orgId]);
  await q(`insert into deal_events (org_id, deal_id, kind, user_id, at) select org_id, id, 'created', created_by_id, created_at from deals where org_id = $1`, [orgId]);
  for (const def of historyIndexes) await client.query(def);
  log("stage history and events");

  // Product rows: 0 to 6 per deal, 3 on average.
  const productIndexes = await dropForLoad(client, "deal_products");
  await q(`insert into deal_products (org_id, deal_id, product_id, name, price, quantity, unit, tax_rate, sort)
           select d.org_id, d.id, p.id, p.name, p.price, 1 + floor(${rnd("d.id * 7 + n", 70)} * 5), p.unit, p.tax_rate, n * 10
           from deals d cross join lateral generate_series(1, floor(${rnd("d.id", 71)} * 7)::int) n
           join products p on p.id = ${firstProduct}::int + floor(${rnd("d.id * 13 + n", 72)} * 200)::int
           where d.org_id = $1`, [orgId]);
  for (const def of productIndexes) await client.query(def);
  log("product rows");

  // One heavy card, as the card's target describes it: 30 custom fields, 20 product rows, 500 history entries
  // (and 500 activities, below).
  const [{ id: heavy }] = await q(`select min(id) as id from deals where pipeline_id = $1`, [pipelineIds[0]]);
  await q(`update deals set custom = (select jsonb_object_agg('UF_CRM_' || k, 'giá trị ' || k) from generate_series(1, 30) k) where id = $1`, [heavy]);
  // …and the 30 fields defined, so the card shows them (text fields; every fifth one a list column).
  await q(`insert into custom_fields (org_id, code, label, type, show_in_list, sort)
           select $1, 'UF_CRM_' || k, 'Trường ' || k, 'string', k % 5 = 0, k * 10 from generate_series(1, 30) k`, [orgId]);
  await q(`delete from deal_products where deal_id = $1`, [heavy]);
  await q(`insert into deal_products (org_id, deal_id, product_id, name, price, quantity, unit, tax_rate, sort)
           select $1, $2, p.id, p.name, p.price, n, p.unit, p.tax_rate, n * 10 from generate_series(1, 20) n join products p on p.id = $3::int + n`, [orgId, heavy, firstProduct]);
  await q(`insert into deal_events (org_id, deal_id, kind, changes, user_id, at)
           select $1, $2, 'updated', jsonb_build_array(jsonb_build_object('field', 'amount', 'old', (n * 1000)::text, 'new', ((n + 1) * 1000)::text)), $3, now() - interval '1 hour' * (500 - n)
           from generate_series(1, 500) n`, [orgId, heavy, userIds[0]]);
  log(`heavy card: deal #${heavy}`);

  // Activities: 10% open and overdue, 20% open and due later, the rest done.
  const activityIndexes = await dropForLoad(client, "activities");
  // The trigger that keeps each deal's activity summary would update a deal per activity; it is
  // computed once, set-based, after the load instead (the same definition as migration 0012).
  await client.query("alter table activities disable trigger activities_refresh_deal");
  // Per deal 0 to 2×average activities; two md5 hashes per activity give its eight random numbers.
  const average = activityCount / dealCount;
  const part = (h: string, k: number) => `(('x' || substr(${h}, ${1 + 8 * k}, 8))::bit(32)::bigint / 4294967296.0)`;
  const [{ max: lastDeal, min: firstDeal }] = await q(`select min(id), max(id) from deals where org_id = $1`, [orgId]);
  for (let lo = firstDeal as number; lo <= lastDeal; lo += 200_000) {
    const hi = Math.min(lastDeal, lo + 199_999);
    await q(
      `insert into activities (org_id, deal_id, type, direction, subject, deadline, responsible_id, completed, completed_at, completed_by_id, created_by_id, created_at)
       select $1, a.id, (array['call','meeting','task','email','todo'])[1 + floor(${part("a.h1", 0)} * 5)::int],
         case when floor(${part("a.h1", 0)} * 5)::int in (0, 3) then case when ${part("a.h1", 1)} < 0.5 then 'incoming' else 'outgoing' end end,
         (array['Gọi lại khách hàng','Gửi báo giá','Họp demo sản phẩm','Theo dõi hợp đồng','Xác nhận thanh toán'])[1 + floor(${part("a.h1", 2)} * 5)::int],
         case when ${part("a.h1", 3)} < 0.1 then now() - interval '20 days' * ${part("a.h2", 0)} - interval '1 minute'
              when ${part("a.h1", 3)} < 0.3 then now() + interval '30 days' * ${part("a.h2", 0)} + interval '1 minute'
              else now() - interval '60 days' * ${part("a.h2", 0)} end,
         a.assigned_by_id, ${part("a.h1", 3)} >= 0.3, case when ${part("a.h1", 3)} >= 0.3 then now() - interval '60 days' * ${part("a.h2", 1)} end,
         case when ${part("a.h1", 3)} >= 0.3 then a.assigned_by_id end, a.assigned_by_id, now() - interval '90 days' * ${part("a.h2", 2)}
       from (
         select d.id, d.assigned_by_id, md5(d.id || ':' || n || ':a${args.seed}') as h1, md5(d.id || ':' || n || ':b${args.seed}') as h2
         from deals d cross join lateral generate_series(1, floor(${rnd("d.id", 80)} * ${2 * average + 1})::int) n
         where d.org_id = $1 and d.id between ${lo} and ${hi}
       ) a`,
      [orgId],
    );
    log(`activities for deals up to #${hi.toLocaleString("en")}`);
  }
  // The heavy card's timeline reaches 1,000 entries (the timeline's target): its 500 changes and
  // 500 activities, 20 of them still open (5 overdue).
  await q(`insert into activities (org_id, deal_id, type, subject, deadline, responsible_id, completed, completed_at, completed_by_id, created_by_id, created_at)
           select $1, $2, (array['call','meeting','task','email','todo'])[1 + n % 5], 'Việc số ' || n,
             now() + interval '1 hour' * (n - 485), $3, n <= 480, case when n <= 480 then now() - interval '1 hour' * (500 - n) - interval '30 minutes' end,
             case when n <= 480 then $3::int end, $3, now() - interval '1 hour' * (520 - n)
           from generate_series(1, 500) n`, [orgId, heavy, userIds[0]]);
  for (const def of activityIndexes) await client.query(def);
  await client.query("alter table activities enable trigger activities_refresh_deal");
  await q(
    `update deals d set last_activity_at = a.last, next_deadline = a.next_deadline, open_activities = a.open, incoming_open = a.incoming from (
       select deal_id, max(created_at) as last, min(deadline) filter (where not completed) as next_deadline,
         count(*) filter (where not completed)::int as open,
         count(*) filter (where not completed and direction = 'incoming' and type in ('call', 'email'))::int as incoming
       from activities where org_id = $1 group by deal_id
     ) a where a.deal_id = d.id`,
    [orgId],
  );
  log("activity indexes, last activity, activity counters");
  // The deals' own indexes last: every update above would otherwise have maintained them row by row.
  for (const def of dealIndexes) await client.query(def);
  for (const name of totalsTriggers) await client.query(`alter table deals enable trigger ${name}`);
  await client.query("select crm_rebuild_deal_totals()");
  log("deal indexes rebuilt, board totals recounted");
  await client.query("vacuum analyze");
  log("vacuum analyze");
  const counts = await q(`select (select count(*) from deals)::int as deals, (select count(*) from activities)::int as activities, (select count(*) from deals where pipeline_id = $1)::int as shown`, [pipelineIds[0]]);
  log(`done: ${JSON.stringify(counts[0])}`);
  await client.end();
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
