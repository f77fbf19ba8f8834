/**
 * The benchmark's data set: one org with 200 users in a department tree, 5 pipelines, and as many
 * deals as asked (a fifth in the pipeline the board shows), with companies, contacts, product
 * rows, activities, stage history and events.
 *
 * Rows are made by PostgreSQL itself (INSERT … SELECT over generate_series), so nothing crosses the
 * wire. Deals get ids 1…N, so every table is drawn from the deal number alone and two connections
 * load them at once; each deal is written once, complete (board key, search text, activity
 * summary), never updated after; secondary indexes are dropped for the load and rebuilt after it.
 */
import { openDatabase } from "@/db/client";
import * as data from "@/db/seed-data";
import { hashPassword } from "@/lib/auth/password";
import { createDefaultRoles } from "@/lib/permissions/defaults";
import { boardKeySql } from "@/lib/board/placement";
import { searchable } from "@/lib/search/normalize";
import { BENCH_PASSWORD, BENCH_USERS } from "../config";
import { arr, makeDraws } from "./draws";
import { dropForLoad, loadingClient, recreateDatabase, runOnConnections, type Task } from "./load";

export type BenchDataOptions = { url: string; deals: number; activities: number; seed: number; log: (what: string) => void };
export type BenchDataSummary = { orgId: number; heavyDeal: number; shownPipeline: number };

const USERS = 200;
const PIPELINES = 5;
const CONNECTIONS = 2;
/** Deals per loading statement: small enough to share between connections, big enough to amortise. */
const BATCH = 100_000;
/** The tables loaded with their indexes and foreign keys dropped. */
const LOADED_TABLES = ["deals", "deal_contacts", "deal_products", "stage_history", "deal_events", "activities"];
const TOTALS_TRIGGERS = ["deals_totals_inserted", "deals_totals_updated", "deals_totals_deleted", "deals_reach_updated", "deals_reach_deleted", "deals_activity_done_updated", "deals_won_clients_updated"];
const PRODUCT_ROW_TRIGGERS = ["deal_products_won_inserted", "deal_products_won_updated", "deal_products_won_deleted"];
const CONTACT_TRIGGERS = ["deal_contacts_won_inserted", "deal_contacts_won_updated", "deal_contacts_won_deleted"];
const ACTIVITY_TRIGGERS = ["activities_refresh_deal", "activities_done_inserted", "activities_done_updated", "activities_done_deleted"];

/**
 * The app's search normalisation (lower case, no diacritics, đ → d) as arguments of SQL's
 * lower(translate(text, from, to)), so loaded rows hold what dealSearchText() would have made.
 */
function searchableInSql(): { from: string; to: string } {
  const lower = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ";
  const from = lower + lower.toUpperCase();
  const to = [...from].map((ch) => searchable(ch)).join("");
  if ([...to].length !== [...from].length) throw new Error("normalisation table out of step");
  return { from, to };
}

function ranges(count: number, size: number): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (let from = 1; from <= count; from += size) result.push([from, Math.min(count, from + size - 1)]);
  return result;
}

export async function generateBenchData(options: BenchDataOptions): Promise<BenchDataSummary> {
  const { url, log } = options;
  const dealCount = options.deals;
  const activitiesPerDeal = (options.activities || dealCount * 5) / dealCount;
  const companyCount = Math.max(50, Math.round(dealCount / 50));
  const contactCount = Math.max(100, Math.round(dealCount / 20));

  await recreateDatabase(url);
  const handle = await openDatabase({ url }); // migrates
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => loadingClient(url)));
  const client = clients[0]!;
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  try {
    // The org, a department tree (company → 4 regions → 4 teams each) and 200 users.
    const [org] = await q(`insert into orgs (name, base_currency, timezone, default_locale) values ('Công ty Benchmark', 'VND', 'Asia/Ho_Chi_Minh', 'vi') returning id`);
    const orgId = org.id as number;
    const [root] = await q(`insert into departments (org_id, name) values ($1, 'Công ty') returning id`, [orgId]);
    const teamIds: number[] = [];
    const regionIds: number[] = [];
    for (const region of ["Miền Bắc", "Miền Trung", "Miền Nam", "Quốc tế"]) {
      const [r] = await q(`insert into departments (org_id, name, parent_id) values ($1, $2, $3) returning id`, [orgId, region, root.id]);
      regionIds.push(r.id);
      for (let t = 1; t <= 4; t++) {
        const [team] = await q(`insert into departments (org_id, name, parent_id) values ($1, $2, $3) returning id`, [orgId, `${region} — Nhóm ${t}`, r.id]);
        teamIds.push(team.id);
      }
    }
    const draw = makeDraws({ seed: options.seed, now: new Date(), activitiesPerDeal });
    const { rnd, pick, now } = draw;
    const hash = await hashPassword(BENCH_PASSWORD);
    await q(
      `insert into users (org_id, email, name, password_hash, department_id, is_admin, title)
       select $1,
         case when i = 1 then $2 when i = 2 then $3 when i = 3 then $8 else 'user' || i || '@bench.example.com' end,
         ${pick(data.familyNames, "i", 1)} || ' ' || ${pick(data.middleNames, "i", 2)} || ' ' || ${pick(data.givenNames, "i", 3)},
         $4, case when i = 1 then $5 else ($6::int[])[1 + (i % $7)] end, i = 1, case when i = 1 then 'Giám đốc' else 'Nhân viên kinh doanh' end
       from generate_series(1, ${USERS}) i`,
      [orgId, BENCH_USERS.admin, BENCH_USERS.sales, hash, root.id, teamIds, teamIds.length, BENCH_USERS.head],
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
    const roleIds = await createDefaultRoles(handle.db, orgId, pipelineIds);
    await q(`insert into role_assignments (org_id, role_id, user_id) values ($1, $2, $3)`, [orgId, roleIds.administrator, userIds[0]]);
    await q(`insert into role_assignments (org_id, role_id, department_id, with_subdepartments) values ($1, $2, $3, true)`, [orgId, roleIds.salesPerson, root.id]);
    // The head of the first region (its four teams): the analytics measures' ":head" reader.
    await q(`update users set department_id = $2, title = 'Trưởng vùng' where org_id = $1 and email = $3`, [orgId, regionIds[0], BENCH_USERS.head]);
    await q(`insert into role_assignments (org_id, role_id, user_id) select $1, $2, id from users where org_id = $1 and email = $3`, [orgId, roleIds.salesHead, BENCH_USERS.head]);
    await q(`insert into currency_rates (org_id, currency, rate) values ($1, 'USD', 25400), ($1, 'EUR', 27500)`, [orgId]);
    const stages = await q(`select id, pipeline_id, semantics, sort from stages where org_id = $1 order by pipeline_id, sort`, [orgId]);
    log("org, 200 users, 5 pipelines, roles");

    // Companies and contacts with Vietnamese names (and a sixth in English).
    await q(
      `insert into companies (org_id, title, phones, emails, assigned_by_id, created_at)
       select $1,
         case when ${rnd("i", 10)} < 0.17 then ${pick(data.englishCompanies, "i", 11)} || ' ' || i
              else ${pick(data.companyKinds, "i", 12)} || ' ' || ${pick(data.companyTrades, "i", 13)} || ' ' || ${pick(data.companyWords, "i", 14)} || ' ' || i end,
         jsonb_build_array(jsonb_build_object('value', '+84 28 ' || (1000000 + i), 'kind', 'WORK')),
         jsonb_build_array(jsonb_build_object('value', 'info' || i || '@congty.vn', 'kind', 'WORK')),
         ($2::int[])[1 + (i % $3)], ${now} - interval '3 years' * ${rnd("i", 15)}
       from generate_series(1, ${companyCount}) i`,
      [orgId, salesIds, salesIds.length],
    );
    const [{ min: firstCompany }] = await q(`select min(id) from companies where org_id = $1`, [orgId]);
    await q(
      `insert into contacts (org_id, name, last_name, company_id, phones, emails, assigned_by_id, created_at)
       select $1, ${pick(data.middleNames, "i", 20)} || ' ' || ${pick(data.givenNames, "i", 21)}, ${pick(data.familyNames, "i", 22)},
         $2::int + floor(${rnd("i", 23)} * ${companyCount})::int,
         jsonb_build_array(jsonb_build_object('value', '+84 9' || (10000000 + i), 'kind', 'MOBILE')), '[]'::jsonb,
         ($3::int[])[1 + (i % $4)], ${now} - interval '3 years' * ${rnd("i", 24)}
       from generate_series(1, ${contactCount}) i`,
      [orgId, firstCompany, salesIds, salesIds.length],
    );
    const [{ min: firstContact }] = await q(`select min(id) from contacts where org_id = $1`, [orgId]);
    await q(
      `insert into products (org_id, name, sku, price, currency, unit, tax_rate)
       select $1, ${pick(
         data.products.map((p) => p.name),
         "i",
         30,
       )} || ' — ' || i, 'SKU-' || i, round((100000 + ${rnd("i", 31)} * 50000000)::numeric, -3), 'VND', 'pcs', 10 from generate_series(1, 200) i`,
      [orgId],
    );
    const [{ min: firstProduct }] = await q(`select min(id) from products where org_id = $1`, [orgId]);
    log(`${companyCount.toLocaleString("en")} companies, ${contactCount.toLocaleString("en")} contacts, 200 products`);

    const rebuild: string[] = [];
    for (const table of LOADED_TABLES) rebuild.push(...(await dropForLoad(client, table)));
    // The board's totals and the deals' activity summaries are computed once, set-based, instead of by triggers per row.
    for (const name of TOTALS_TRIGGERS) await client.query(`alter table deals disable trigger ${name}`);
    for (const name of ACTIVITY_TRIGGERS) await client.query(`alter table activities disable trigger ${name}`);
    for (const name of PRODUCT_ROW_TRIGGERS) await client.query(`alter table deal_products disable trigger ${name}`);
    for (const name of CONTACT_TRIGGERS) await client.query(`alter table deal_contacts disable trigger ${name}`);
    await client.query("alter table stage_history disable trigger stage_history_reach");

    // 70% of deals have a contact; the deal's search text and its link draw the same one.
    const contactOf = (deal: string) => `case when ${rnd(deal, 61)} < 0.7 then ${firstContact}::int + floor(${rnd(deal, 60)} * ${contactCount})::int end`;
    const dealTask = dealsTask({ orgId, dealCount, companyCount, firstCompany, contactOf, pipelineIds, stages, userIds, draw });
    const activityTasks = ranges(dealCount, BATCH).map(([from, to]): Task => ({
      name: `activities for deals ${from.toLocaleString("en")}–${to.toLocaleString("en")}`,
      run: async (c) => {
        await c.query(
          `insert into activities (org_id, deal_id, type, direction, subject, deadline, responsible_id, completed, completed_at, completed_by_id, created_by_id, created_at)
           select $1, d.i, a.type, a.direction, a.subject, a.deadline, d.responsible, a.completed, a.completed_at, case when a.completed then d.responsible end, d.responsible, a.created_at
           from (select i, ${draw.salesPerson("i", salesIds)} as responsible from generate_series(${from}, ${to}) i) d
           cross join lateral (${draw.activitiesOf("d.i")}) a`,
          [orgId],
        );
      },
    }));
    // Product rows: 0 to 6 per deal, 3 on average.
    const productTasks = ranges(dealCount, BATCH * 2).map(([from, to]): Task => ({
      name: `product rows for deals ${from.toLocaleString("en")}–${to.toLocaleString("en")}`,
      run: async (c) => {
        await c.query(
          `insert into deal_products (org_id, deal_id, product_id, name, price, quantity, unit, tax_rate, sort)
           select $1, d.i, p.id, p.name, p.price, 1 + floor(${rnd("d.i * 7 + n", 70)} * 5), p.unit, p.tax_rate, n * 10
           from generate_series(${from}, ${to}) d(i) cross join lateral generate_series(1, floor(${rnd("d.i", 71)} * 7)::int) n
           join products p on p.id = ${firstProduct}::int + floor(${rnd("d.i * 13 + n", 72)} * 200)::int`,
          [orgId],
        );
      },
    }));
    const contactTask: Task = {
      name: "deal contacts",
      run: async (c) => {
        await c.query(
          `insert into deal_contacts (org_id, deal_id, contact_id, sort, is_primary)
           select $1, i, contact_id, 0, true
           from (select i, ${contactOf("i")} as contact_id from generate_series(1, ${dealCount}) i) d where contact_id is not null`,
          [orgId],
        );
      },
    };
    await runOnConnections(clients, [dealTask, ...activityTasks, ...productTasks, contactTask], log);

    // Indexes and foreign keys back, the biggest first so the two connections finish together.
    await runOnConnections(
      clients,
      [
        ...rebuild.filter((s) => s.includes("gin")),
        ...rebuild.filter((s) => !s.includes("gin") && !s.startsWith("alter")),
        ...rebuild.filter((s) => s.startsWith("alter")),
        "select setval(pg_get_serial_sequence('deals', 'id'), (select max(id) from deals))",
      ].map((statement) => ({ name: statement.slice(0, 60), run: async (c) => void (await c.query(statement)) })),
    );
    log("indexes and foreign keys rebuilt");

    // One heavy card, as the card's target describes it: 30 custom fields, 20 product rows, 500
    // history entries and 500 activities (20 still open, 5 overdue), so its timeline holds 1,000 entries.
    const [{ id: heavy }] = await q(`select min(id) as id from deals where pipeline_id = $1`, [pipelineIds[0]]);
    await q(`update deals set custom = (select jsonb_object_agg('UF_CRM_' || k, 'giá trị ' || k) from generate_series(1, 30) k) where id = $1`, [heavy]);
    // …and the 30 fields defined, so the card shows them (text fields; every fifth one a list column).
    await q(`insert into custom_fields (org_id, code, label, type, show_in_list, sort)
             select $1, 'UF_CRM_' || k, 'Trường ' || k, 'string', k % 5 = 0, k * 10 from generate_series(1, 30) k`, [orgId]);
    await q(`delete from deal_products where deal_id = $1`, [heavy]);
    await q(`insert into deal_products (org_id, deal_id, product_id, name, price, quantity, unit, tax_rate, sort)
             select $1, $2, p.id, p.name, p.price, n, p.unit, p.tax_rate, n * 10 from generate_series(1, 20) n join products p on p.id = $3::int + n`, [orgId, heavy, firstProduct]);
    await q(`insert into deal_events (org_id, deal_id, kind, changes, user_id, at)
             select $1, $2, 'updated', jsonb_build_array(jsonb_build_object('field', 'amount', 'old', (n * 1000)::text, 'new', ((n + 1) * 1000)::text)), $3, ${now} - interval '1 hour' * (500 - n)
             from generate_series(1, 500) n`, [orgId, heavy, userIds[0]]);
    await q(`insert into activities (org_id, deal_id, type, subject, deadline, responsible_id, completed, completed_at, completed_by_id, created_by_id, created_at)
             select $1, $2, (array['call','meeting','task','email','todo'])[1 + n % 5], 'Việc số ' || n,
               ${now} + interval '1 hour' * (n - 485), $3, n <= 480, case when n <= 480 then ${now} - interval '1 hour' * (500 - n) - interval '30 minutes' end,
               case when n <= 480 then $3::int end, $3, ${now} - interval '1 hour' * (520 - n)
             from generate_series(1, 500) n`, [orgId, heavy, userIds[0]]);
    await q(`select crm_refresh_deal_activities($1, $2)`, [orgId, heavy]);
    await q(`update deals set last_activity_at = (select max(created_at) from activities where deal_id = $1) where id = $1`, [heavy]);
    for (const name of ACTIVITY_TRIGGERS) await client.query(`alter table activities enable trigger ${name}`);
    for (const name of PRODUCT_ROW_TRIGGERS) await client.query(`alter table deal_products enable trigger ${name}`);
    for (const name of CONTACT_TRIGGERS) await client.query(`alter table deal_contacts enable trigger ${name}`);
    for (const name of TOTALS_TRIGGERS) await client.query(`alter table deals enable trigger ${name}`);
    await client.query("alter table stage_history enable trigger stage_history_reach");
    await client.query("select crm_rebuild_deal_totals()");
    await client.query("select crm_rebuild_reach()");
    await client.query("select crm_rebuild_activity_done()");
    await client.query("select crm_rebuild_won_products()");
    await client.query("select crm_rebuild_won_clients()");
    log(`heavy card: deal #${heavy}; board totals, the funnel's reach, activities done, won products and clients counted`);

    await loadDocuments(client, orgId, dealCount, log);

    const { rows: tables } = await client.query<{ name: string }>(
      `select relname as name from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by pg_relation_size(oid) desc`,
    );
    await runOnConnections(clients, tables.map(({ name }) => ({ name: `vacuum ${name}`, run: async (c) => void (await c.query(`vacuum (analyze) "${name}"`)) })));
    log("vacuum analyze");
    return { orgId, heavyDeal: heavy as number, shownPipeline: pipelineIds[0]! };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await handle.close();
  }
}

/**
 * A quote or an invoice for every third deal (alternating), with the deal's product rows and totals
 * per rate computed as the app does for whole-đồng prices; statuses spread over each kind's; and one
 * 50-row invoice ("HD-BENCH-50") for the PDF measure.
 */
async function loadDocuments(client: Awaited<ReturnType<typeof loadingClient>>, orgId: number, dealCount: number, log: (what: string) => void) {
  await client.query(
    `insert into my_companies (org_id, legal_name, tax_code, address, bank_accounts, director, is_default)
     values ($1, 'Công ty Cổ phần Benchmark Việt Nam', '0100109106', 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội', '[{"bank":"Vietcombank","account":"0011001234567"}]', 'Nguyễn Văn Bình', true)`,
    [orgId],
  );
  await client.query(
    `insert into documents (org_id, kind, deal_id, number, status, issued_on, due_on, currency, company_id, buyer_name, seller_id, net, tax, gross, paid, responsible_id, created_by_id, created_at, updated_at)
     select d.org_id, k.kind, d.id, case k.kind when 'quote' then 'BG-B-' else 'HD-B-' end || lpad(d.id::text, 7, '0'),
       case k.kind when 'quote' then (array['draft','sent','approved','declined'])[1 + (d.id / 3) % 4] else (array['new','sent','partlyPaid','paid'])[1 + (d.id / 3) % 4] end,
       (d.created_at at time zone 'Asia/Ho_Chi_Minh')::date, (d.created_at at time zone 'Asia/Ho_Chi_Minh')::date + 14, d.currency, d.company_id,
       coalesce(c.title, 'Khách lẻ'), (select id from my_companies where org_id = d.org_id limit 1),
       coalesce(t.net, d.amount), coalesce(t.tax, 0), coalesce(t.net + t.tax, d.amount),
       case when k.kind = 'invoice' and (d.id / 3) % 4 = 3 then coalesce(t.net + t.tax, d.amount) when k.kind = 'invoice' and (d.id / 3) % 4 = 2 then round(coalesce(t.net + t.tax, d.amount) / 2) else 0 end,
       d.assigned_by_id, d.assigned_by_id, d.created_at, d.created_at
     from deals d
     cross join lateral (select case when d.id % 2 = 0 then 'quote' else 'invoice' end as kind) k
     left join companies c on c.id = d.company_id
     left join (select p.deal_id, sum(round(p.price * p.quantity)) as net, sum(round(round(p.price * p.quantity) * coalesce(p.tax_rate, 0) / 100)) as tax
                from deal_products p where p.org_id = $1 and p.deal_id % 3 = 0 group by p.deal_id) t on t.deal_id = d.id
     where d.org_id = $1 and d.id % 3 = 0`,
    [orgId],
  );
  await client.query(
    `insert into document_rows (org_id, document_id, sort, product_id, name, price, quantity, unit, discount_type, discount_value, tax_rate, tax_included, net, tax, gross)
     select p.org_id, doc.id, p.sort, p.product_id, p.name, p.price, p.quantity, p.unit, 'percent', 0, p.tax_rate, false,
       round(p.price * p.quantity), round(round(p.price * p.quantity) * coalesce(p.tax_rate, 0) / 100), round(p.price * p.quantity) + round(round(p.price * p.quantity) * coalesce(p.tax_rate, 0) / 100)
     from documents doc join deal_products p on p.org_id = doc.org_id and p.deal_id = doc.deal_id where doc.org_id = $1`,
    [orgId],
  );
  const [{ deal }] = (await client.query(`select id as deal from deals where org_id = $1 and company_id is not null order by id limit 1`, [orgId])).rows;
  const { rows: [heavy] } = await client.query(
    `insert into documents (org_id, kind, deal_id, number, status, issued_on, due_on, currency, buyer_name, seller_id, net, tax, gross, created_at)
     values ($1, 'invoice', $2, 'HD-BENCH-50', 'new', current_date, current_date + 10, 'VND', 'Công ty TNHH Thương mại Dịch vụ Ánh Dương Phương Nam', (select id from my_companies where org_id = $1 limit 1), 50 * 2 * 1234000, 50 * 2 * 123400, 50 * 2 * 1357400, now()) returning id`,
    [orgId, deal],
  );
  await client.query(
    `insert into document_rows (org_id, document_id, sort, name, price, quantity, unit, discount_type, discount_value, tax_rate, tax_included, net, tax, gross)
     select $1, $2, n * 10, 'Thiết bị giám sát an ninh ngoài trời, mã số ' || n || ' — lắp đặt trọn gói', 1234000, 2, 'bộ', 'percent', 0, 10, false, 2468000, 246800, 2714800 from generate_series(1, 50) n`,
    [orgId, heavy.id],
  );
  log(`${Math.floor(dealCount / 3).toLocaleString("en")} quotes and invoices with their rows, and a 50-row invoice`);
}

type DealsContext = {
  orgId: number;
  dealCount: number;
  companyCount: number;
  firstCompany: number;
  contactOf: (deal: string) => string;
  pipelineIds: number[];
  stages: Array<Record<string, unknown>>;
  userIds: number[];
  draw: ReturnType<typeof makeDraws>;
};

/**
 * Deals 1…N in one statement, each complete: the board key is its rank in its stage (newest first,
 * a window over every deal, hence one statement), the search text holds its company's name, and
 * its activity summary is drawn from the same formulas as its activities. Stage: 20% won, 15% lost,
 * the rest in progress, mostly in the early stages; a fifth in the first pipeline. When done, the
 * stage history and "created" events that read the deals are handed out.
 */
function dealsTask(ctx: DealsContext): Task {
  const { orgId, dealCount, companyCount, firstCompany, contactOf, pipelineIds, stages, userIds, draw } = ctx;
  const { rnd, normal, now } = draw;
  // Stage ids by kind, pipeline after pipeline (5 in progress, 1 success, 2 failure each), for array lookups.
  const stageIdsOf = (semantics: string) => pipelineIds.flatMap((p) => stages.filter((s) => s.pipeline_id === p && s.semantics === semantics).map((s) => s.id as number));
  const titleWords = [...data.dealWords];
  const titleObjects = [...data.dealObjects];
  const normalise = searchableInSql();
  // 30% of deals carry 30 custom field values: numbers, text and yes/no in turn.
  const customValues = Array.from({ length: 30 }, (_, j) => {
    const k = j + 1;
    const value = k % 3 === 0 ? `to_jsonb(${k} * i % 1000)` : k % 3 === 1 ? `to_jsonb('giá trị ${k}'::text)` : `to_jsonb(${k % 2 === 0})`;
    return `'UF_CRM_${k}', ${value}`;
  }).join(", ");
  return {
    name: `deals 1–${dealCount.toLocaleString("en")}`,
    run: async (c) => {
      await c.query(
        `with picks as materialized (
           select i,
             case when ${rnd("i", 40)} < 0.2 then 0 else 1 + floor(${rnd("i", 42)} * ${PIPELINES - 1})::int end as pipe,
             ${rnd("i", 41)} as s, ${rnd("i", 42)} as p, ${rnd("i", 43)} as c, ${rnd("i", 44)} as u,
             floor(${rnd("i", 45)} * ${titleWords.length})::int + 1 as w, floor(${rnd("i", 46)} * ${titleObjects.length})::int + 1 as o,
             ${now} - interval '730 days' * power(${rnd("i", 47)}, 1.5) as created,
             ${normal("i", 48)} as z, ${rnd("i", 50)} as usd, ${rnd("i", 51)} as has_company, ${rnd("i", 52)} as custom_pick
           from generate_series(1, ${dealCount}) i
         ), staged as materialized (
           select picks.*,
             case when s < 0.20 then 'S' when s < 0.35 then 'F' else 'P' end as semantics,
             -- in progress: 35% / 25% / 18% / 12% / 10% over the five stages
             case when s < 0.35 + 0.65 * 0.35 then 0 when s < 0.35 + 0.65 * 0.60 then 1
                  when s < 0.35 + 0.65 * 0.78 then 2 when s < 0.35 + 0.65 * 0.90 then 3 else 4 end as step,
             case when has_company < 0.8 then ${firstCompany}::int + floor(c * ${companyCount})::int end as company_id,
             ${draw.salesPerson("i", userIds.slice(1))} as responsible,
             ${contactOf("i")} as contact_id
           from picks
         ), placed as (
           select staged.*,
             case semantics when 'S' then ($4::int[])[pipe + 1] when 'F' then ($5::int[])[pipe * 2 + 1 + floor(c * 2)::int] else ($6::int[])[pipe * 5 + step + 1] end as stage_id
           from staged
         )
         insert into deals (id, org_id, title, pipeline_id, stage_id, stage_semantics, amount, currency, is_manual_amount, probability,
                            assigned_by_id, company_id, begin_date, close_date, opened, closed, source_id, type_id, custom,
                            created_at, created_by_id, updated_at, modified_by_id, moved_at, moved_by_id, version, search_text,
                            board_position, last_activity_at, next_deadline, open_activities, incoming_open)
         overriding system value
         select i, $1,
           (${arr(titleWords)})[w] || ' ' || (${arr(titleObjects)})[o] || ' #' || i,
           ($2::int[])[pipe + 1], stage_id, semantics,
           case when usd < 0.15 then round(exp(ln(2000) + z)::numeric, 2) else round(exp(ln(50000000) + z)::numeric, -3) end,
           case when usd < 0.15 then 'USD' else 'VND' end, true,
           case when semantics = 'S' then 100 when semantics = 'F' then 0 else 10 + step * 20 end,
           responsible, placed.company_id,
           (created at time zone 'Asia/Ho_Chi_Minh')::date, (created at time zone 'Asia/Ho_Chi_Minh')::date + 7 + floor(p * 80)::int,
           u < 0.7, semantics <> 'P',
           (${arr(["CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION", "TRADE_SHOW"])})[1 + floor(c * 7)::int],
           (${arr(["SALE", "COMPLEX", "GOODS", "SERVICES"])})[1 + floor(u * 4)::int],
           case when custom_pick < 0.3 then jsonb_build_object(${customValues}) else '{}'::jsonb end,
           created, $3, created, $3, created + interval '1 day' * floor(c * 30), responsible, 1,
           -- what dealSearchText() makes of the title, the company's name and the contact's
           (${arr(titleWords.map(searchable))})[w] || ' ' || (${arr(titleObjects.map(searchable))})[o] || ' #' || i
             || coalesce(' ' || co.plain, '') || coalesce(' ' || ct.plain, ''),
           ${boardKeySql("row_number() over (partition by stage_id order by created desc, i desc) - 1")},
           summary.last_activity_at, summary.next_deadline, summary.open_activities, summary.incoming_open
         from placed
         -- names normalised once per company and contact, not once per deal
         left join (select id, lower(translate(title, $7, $8)) as plain from companies where org_id = $1) co on co.id = placed.company_id
         left join (select id, lower(translate(last_name || ' ' || name, $7, $8)) as plain from contacts where org_id = $1) ct on ct.id = placed.contact_id
         cross join lateral (${draw.activitySummaryOf("placed.i")}) summary`,
        [orgId, pipelineIds, userIds[0], stageIdsOf("S"), stageIdsOf("F"), stageIdsOf("P"), normalise.from, normalise.to],
      );
      // Stage history (created, then the move to the current stage) and a "created" event per deal.
      return [
        {
          name: "stage history: created",
          run: async (c2) => {
            await c2.query(
              `insert into stage_history (org_id, deal_id, type_id, pipeline_id, stage_id, stage_semantics, user_id, at)
               select d.org_id, d.id, 1, d.pipeline_id, f.first_stage, 'P', d.created_by_id, d.created_at
               from deals d join (select distinct on (pipeline_id) pipeline_id, id as first_stage from stages where org_id = $1 order by pipeline_id, sort) f using (pipeline_id)`,
              [orgId],
            );
          },
        },
        {
          name: "stage history: moves",
          run: async (c2) => {
            await c2.query(
              `insert into stage_history (org_id, deal_id, type_id, pipeline_id, stage_id, stage_semantics, user_id, at)
               select org_id, id, case when stage_semantics = 'P' then 2 else 3 end, pipeline_id, stage_id, stage_semantics, moved_by_id, moved_at
               from deals where moved_at > created_at`,
            );
          },
        },
        {
          name: "created events",
          run: async (c2) => void (await c2.query(`insert into deal_events (org_id, deal_id, kind, user_id, at) select org_id, id, 'created', created_by_id, created_at from deals`)),
        },
      ];
    },
  };
}
