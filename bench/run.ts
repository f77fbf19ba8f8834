/**
 * The benchmark: the production build on the benchmark database, measured over HTTP as a browser
 * uses it (signed in, warm, many iterations), each page next to its SQL floor.
 *
 *   npm run bench:data -- --deals 1000000     # once
 *   npm run bench [-- --iterations 30 --out bench/results]
 *
 * See bench/README.md for what each figure means.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USERS, parseArgs } from "./config";
import { readCapture, sqlFloor, startCapture, type Statement } from "./floor";
import { actionId, callAction, signIn, timedGet, type Session } from "./http";
import { loadFixtures, type Fixtures } from "./fixtures";
import { calibrate, slowdown, type Calibration } from "./calibrate";
import { automationFanout } from "./automation";
import { percentile, round } from "./stats";

const args = parseArgs(process.argv.slice(2), { iterations: 30, port: 3300, out: "bench/results", concurrency: 16, seconds: 10, heavy: 3, quick: false, only: "" });
/** --only list,board: just those measures (their variants too), written to <date>-partial files. */
const only = args.only ? new Set(args.only.split(",")) : null;
const url = benchDatabaseUrl();
const secret = "bench-secret-not-for-production-0123456789";
const captureFile = path.resolve(".bench-sql.jsonl");

type Result = { name: string; p50_ms: number; p95_ms: number; floor_ms: number | null; ratio: number | null; target_ms: number | null; note?: string };
type Measure = {
  name: string;
  target: number | null;
  /** Fewer iterations for the heavy ones (bulk, export). */
  heavy?: boolean;
  /** One request; returns its time in ms. */
  run: (session: Session, i: number) => Promise<number>;
  /** Statements of a single request are not its floor (e.g. a background job): none is reported. */
  noFloor?: boolean;
};

function startServer(port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...process.env, DATABASE_URL: url, NEXTAUTH_URL: `http://localhost:${port}`, NEXTAUTH_SECRET: secret, CRM_SEED: "off", NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000;
    const poll = async () => {
      try {
        const response = await fetch(`http://localhost:${port}/login`);
        if (response.status === 200) return resolve(child);
      } catch {
        // not up yet
      }
      if (child.exitCode !== null || Date.now() > deadline) return reject(new Error(`server on ${port} did not start:\n${output.slice(-2000)}`));
      setTimeout(() => void poll(), 300);
    };
    void poll();
  });
}

function stopServer(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

function measures(f: Fixtures, sessionRole: SessionRole): Measure[] {
  return allMeasures(f, sessionRole).filter((m) => !only || only.has(m.name));
}

/** Who is signed in: the administrator, a sales person ("own / open / department"), or a region's head (analytics only). */
type SessionRole = "admin" | "sales" | "head";

function allMeasures(f: Fixtures, sessionRole: SessionRole): Measure[] {
  const moveId = actionId("lib/board/actions.ts", "moveCardAction");
  const bulkId = actionId("lib/deals/bulk/actions.ts", "bulkDealsAction");
  const move = sessionRole === "admin" ? f.moveDeal : f.salesMoveDeal;
  let bulkOwner = f.bulkUsers[0]!;
  const list: Measure[] = [
    { name: "list", target: 60, run: async (s) => (await timedGet(s, `/deals?pipeline=${f.pipelineId}&semantics=P&sort=amount&dir=desc`)).ms },
    { name: "list_deep", target: 60, run: async (s) => (await timedGet(s, `/deals?after=${f.deepCursor}`)).ms },
    { name: "search", target: 100, run: async (s) => (await timedGet(s, `/deals?q=${encodeURIComponent(f.searchText)}`)).ms },
    { name: "board", target: 100, run: async (s) => (await timedGet(s, `/deals/kanban?pipeline=${f.pipelineId}`)).ms },
    { name: "column_page", target: 30, run: async (s) => (await timedGet(s, f.columnPageUrl[sessionRole === "admin" ? "admin" : "sales"])).ms },
    { name: "card", target: 50, run: async (s) => (await timedGet(s, `/deals/${sessionRole === "admin" ? f.cardDeal : f.salesCardDeal}`)).ms },
    { name: "quotes_list", target: 60, run: async (s) => (await timedGet(s, "/deals/quotes")).ms },
    // The funnel of this year over all pipelines (whole months: the monthly totals).
    { name: "analytics_funnel", target: 400, run: async (s) => (await timedGet(s, "/analytics?period=year")).ms },
    // Each employee's won, lost, conversion and overdue activities, this year.
    { name: "analytics_employees", target: 400, run: async (s) => (await timedGet(s, "/analytics/employees?period=year")).ms },
    // Won revenue of this year per month (the monthly totals) and the forecast of open deals for the next 12 months.
    { name: "analytics_revenue", target: 400, run: async (s) => (await timedGet(s, "/analytics/revenue?period=year")).ms },
    // The products of this year's won deals: their rows joined and summed.
    { name: "analytics_products", target: 400, run: async (s) => (await timedGet(s, "/analytics/products?period=year")).ms },
    // The same for this month, the report's default period.
    { name: "analytics_products_month", target: 400, run: async (s) => (await timedGet(s, "/analytics/products")).ms },
    // The companies and contacts of this year's won deals.
    { name: "analytics_customers", target: 400, run: async (s) => (await timedGet(s, "/analytics/customers?period=year")).ms },
    // Days in each stage (median, 90th percentile) of the stays that ended this year, and the stale deals now.
    { name: "analytics_cycle", target: 400, run: async (s) => (await timedGet(s, "/analytics/cycle?period=year")).ms },
    // This month's plans with their progress: 200 employees' (month), 21 teams' (quarter), 5 pipelines' and the company's (year).
    { name: "analytics_plans", target: 400, run: async (s) => (await timedGet(s, "/analytics/plans")).ms },
    // The four activity counters of the signed-in user (the badges every page shows), as JSON.
    { name: "counters", target: 10, run: async (s) => (await timedGet(s, `/activities/counters`)).ms },
    {
      name: "move",
      target: 25,
      // Back and forth between two stages: every call is a real move with its history rows.
      run: async (s, i) => (await callAction(s, "/deals/kanban", moveId, { dealId: String(move), stageId: String(i % 2 === 0 ? f.stages[1] : f.stages[0]), quiet: "1" })).ms,
    },
  ];
  if (sessionRole === "head") return list.filter((m) => m.name.startsWith("analytics_"));
  if (sessionRole === "sales") return list;
  return [
    ...list,
    // A region head's view: the year, narrowed to the region's four teams.
    { name: "analytics_funnel_department", target: 400, run: async (s) => (await timedGet(s, `/analytics?period=year&department=${f.regionId}&compare=1`)).ms },
    // Won revenue of the last 365 days per week: every day from the reach rows, none from the monthly totals.
    { name: "analytics_revenue_weeks", target: 400, run: async (s) => (await timedGet(s, `/analytics/revenue?period=custom&from=${f.lastYear.from}&to=${f.lastYear.to}&grain=week`)).ms },
    // The last 365 days: partial first and last months are read from the reach rows themselves.
    { name: "analytics_funnel_custom", target: 400, run: async (s) => (await timedGet(s, `/analytics?period=custom&from=${f.lastYear.from}&to=${f.lastYear.to}`)).ms },
    // Employees over the last 365 days: the days of this month's start are read from the activities themselves.
    { name: "analytics_employees_custom", target: 400, run: async (s) => (await timedGet(s, `/analytics/employees?period=custom&from=${f.lastYear.from}&to=${f.lastYear.to}`)).ms },
    ...(f.invoicePdf ? [{ name: "invoice_pdf", target: 300, run: async (s: Session) => (await timedGet(s, `/deals/documents/${f.invoicePdf}/pdf`)).ms }] : []),
    {
      name: "export_100k",
      target: 10_000,
      heavy: true,
      run: async (s) => {
        const { ms, body } = await timedGet(s, `/deals/export?pipeline=${f.pipelineId}&createdFrom=${f.exportFrom}`);
        const rows = body.split("\n").length - 2;
        if (rows < 50_000 && !args.quick) throw new Error(`export returned only ${rows} rows`);
        return ms;
      },
    },
    {
      name: "bulk_10k",
      target: 3_000,
      heavy: true,
      noFloor: true,
      // The same ~10,000 deals (a filter a change of responsible does not affect) to one person, then to another.
      run: async (s) => {
        const to = bulkOwner === f.bulkUsers[0] ? f.bulkUsers[1]! : f.bulkUsers[0]!;
        const started = performance.now();
        const before = await latestBulkOperation();
        await callAction(s, "/deals", bulkId, { scope: "filter", query: f.bulkQuery, action: "responsible", assignedById: String(to) });
        await waitForBulk(before);
        bulkOwner = to;
        return performance.now() - started;
      },
    },
  ];
}

async function latestBulkOperation(): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: number | null }>("select max(id) as id from bulk_operations");
  await client.end();
  return rows[0]?.id ?? 0;
}

/** Small bulk actions finish inside the request; larger ones on the job queue: wait for that. */
async function waitForBulk(after: number) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 6000; i++) {
      const { rows } = await client.query<{ status: string }>("select status from bulk_operations where id > $1 order by id desc limit 1", [after]);
      if (rows.length === 0 || rows[0]!.status === "done") return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("bulk operation did not finish in 150 s");
  } finally {
    await client.end();
  }
}

async function timeMeasure(m: Measure, session: Session | Session[]): Promise<number[]> {
  const sessions = [session].flat();
  const iterations = m.heavy ? args.heavy : args.iterations;
  const warmup = m.heavy ? 1 : Math.min(5, iterations);
  const times: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const ms = await m.run(sessions[i % sessions.length]!, i);
    if (i >= warmup) times.push(ms);
  }
  return times;
}

/**
 * 200 moves at once (different deals, one server action each, as 200 browsers would send them):
 * every one must be in the stage history afterwards. Returns the wall time, or throws.
 */
async function concurrentMoves(session: Session, f: Fixtures, count = 200): Promise<{ moves: number; recorded: number; ms: number }> {
  const moveId = actionId("lib/board/actions.ts", "moveCardAction");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>("select id from deals where stage_id = $1 order by id desc limit $2", [f.stages[0], count]);
    // By id, not time: a deal whose generated dates lie ahead records its move at that later time.
    const { rows: before } = await client.query<{ id: number }>("select coalesce(max(id), 0)::int as id from stage_history");
    const started = performance.now();
    await Promise.all(rows.map((r) => callAction(session, "/deals/kanban", moveId, { dealId: String(r.id), stageId: String(f.stages[1]), quiet: "1" })));
    const ms = performance.now() - started;
    const { rows: recorded } = await client.query<{ n: number }>("select count(*)::int as n from stage_history where deal_id = any($1::int[]) and stage_id = $2 and id > $3", [rows.map((r) => r.id), f.stages[1], before[0]!.id]);
    // Back where they were, for the next run.
    await client.query("update deals set stage_id = $1 where id = any($2::int[])", [f.stages[0], rows.map((r) => r.id)]);
    if (recorded[0]!.n !== rows.length) throw new Error(`${rows.length} concurrent moves, ${recorded[0]!.n} recorded`);
    return { moves: rows.length, recorded: recorded[0]!.n, ms: round(ms) };
  } finally {
    await client.end();
  }
}

/** Requests per second for the list page with `concurrency` clients for a few seconds. */
async function throughput(sessions: Session[], pathname: string): Promise<{ rps: number; p50: number }> {
  const until = Date.now() + args.seconds * 1000;
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: args.concurrency }, async (_, w) => {
      const session = sessions[w % sessions.length]!;
      while (Date.now() < until) times.push((await timedGet(session, pathname)).ms);
    }),
  );
  return { rps: round(times.length / args.seconds), p50: round(percentile(times, 50)) };
}

async function main() {
  if (!existsSync(path.join(".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
  const f = await loadFixtures(url);
  console.log(`data: ${f.deals.toLocaleString("en")} deals (${f.shown.toLocaleString("en")} in the board's pipeline), ${f.activities.toLocaleString("en")} activities; bulk on ${f.bulkCount.toLocaleString("en")} deals`);

  // 1. Capture each request's statements on a server that logs them.
  const captured = new Map<string, Statement[]>();
  let server = await startServer(args.port, { CRM_SQL_LOG: captureFile });
  try {
    for (const role of ["admin", "sales", "head"] as const) {
      const session = await signIn(`http://localhost:${args.port}`, BENCH_USERS[role], BENCH_PASSWORD);
      for (const m of measures(f, role)) {
        if (m.noFloor) continue;
        await m.run(session, 0); // warm
        startCapture(captureFile);
        await m.run(session, 1);
        captured.set(`${m.name}:${role}`, readCapture(captureFile));
      }
    }
  } finally {
    stopServer(server);
  }
  // The captured moves went back and forth; put the deals back where they started.
  await loadFixtures(url);

  // 2. Time every page on a server that does not log, as admin and as a sales person.
  const results: Result[] = [];
  const extra: Record<string, unknown> = {};
  server = await startServer(args.port);
  const second = await startServer(args.port + 1);
  try {
    const admin = await signIn(`http://localhost:${args.port}`, BENCH_USERS.admin, BENCH_PASSWORD);
    const sales = await signIn(`http://localhost:${args.port}`, BENCH_USERS.sales, BENCH_PASSWORD);
    const head = await signIn(`http://localhost:${args.port}`, BENCH_USERS.head, BENCH_PASSWORD);
    const adminOnSecond = await signIn(`http://localhost:${args.port + 1}`, BENCH_USERS.admin, BENCH_PASSWORD);
    for (const [role, session] of [
      ["admin", admin],
      ["sales", sales],
      ["head", head],
    ] as const) {
      for (const m of measures(f, role)) {
        const times = await timeMeasure(m, session);
        const statements = captured.get(`${m.name}:${role}`);
        const floor = statements && !m.noFloor ? round(await sqlFloor(url, statements, m.heavy ? args.heavy : args.iterations), 2) : null;
        const p50 = round(percentile(times, 50));
        const name = role === "admin" ? m.name : `${m.name}:${role}`;
        results.push({ name, p50_ms: p50, p95_ms: round(percentile(times, 95)), floor_ms: floor, ratio: floor ? round(p50 / floor, 2) : null, target_ms: m.target, note: statements ? `${statements.length} statements` : undefined });
        console.log(`${name.padEnd(18)} p50 ${String(p50).padStart(8)} ms   p95 ${String(round(percentile(times, 95))).padStart(8)} ms   floor ${floor ?? "—"} ms`);
      }
    }
    // Two app servers behind one database: requests alternate between them.
    for (const m of measures(f, "admin").filter((m) => ["list", "board", "move"].includes(m.name))) {
      const times = await timeMeasure(m, [admin, adminOnSecond]);
      const floor = captured.get(`${m.name}:admin`);
      const p50 = round(percentile(times, 50));
      const floorMs = floor ? round(await sqlFloor(url, floor, args.iterations), 2) : null;
      results.push({ name: `${m.name}:2servers`, p50_ms: p50, p95_ms: round(percentile(times, 95)), floor_ms: floorMs, ratio: floorMs ? round(p50 / floorMs, 2) : null, target_ms: m.target });
      console.log(`${`${m.name}:2servers`.padEnd(18)} p50 ${String(p50).padStart(8)} ms`);
    }
    const listUrl = `/deals?pipeline=${f.pipelineId}&semantics=P&sort=amount&dir=desc`;
    if (!only || only.has("move")) {
      extra.moves_200_concurrent = await concurrentMoves(admin, f, args.quick ? 20 : 200);
      console.log(`concurrent moves: ${JSON.stringify(extra.moves_200_concurrent)}`);
    }
    if (!only || only.has("automation")) {
      extra.automation_fanout = await automationFanout(url, admin, f);
      console.log(`automation fan-out: ${JSON.stringify(extra.automation_fanout)}`);
    }
    if (!only || only.has("list")) {
      extra.list_rps_1server = await throughput([admin], listUrl);
      extra.list_rps_2servers = await throughput([admin, adminOnSecond], listUrl);
      console.log(`list with ${args.concurrency} clients: ${JSON.stringify(extra.list_rps_1server)} on one server, ${JSON.stringify(extra.list_rps_2servers)} on two`);
    }
  } finally {
    stopServer(server);
    stopServer(second);
  }
  if (!only || only.has("automation")) {
    // The same fan-out with the work in a worker process of its own at a lower CPU priority, the
    // servers running none (CRM_JOBS=off): how a deployment keeps moves quick while robots run.
    await loadFixtures(url);
    const quiet = await startServer(args.port, { CRM_JOBS: "off" });
    const quietSecond = await startServer(args.port + 1, { CRM_JOBS: "off" });
    const worker = spawn("nice", ["-n", "10", "npx", "tsx", "--conditions=react-server", "lib/jobs/worker-cli.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore", detached: true });
    try {
      const admin = await signIn(`http://localhost:${args.port}`, BENCH_USERS.admin, BENCH_PASSWORD);
      extra.automation_fanout_separate_worker = await automationFanout(url, admin, f);
      console.log(`automation fan-out, niced worker process: ${JSON.stringify(extra.automation_fanout_separate_worker)}`);
    } finally {
      stopServer(worker);
      stopServer(quiet);
      stopServer(quietSecond);
    }
  }
  await loadFixtures(url); // the moves again

  const date = new Date().toISOString().slice(0, 10);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", memory_gb: round(os.totalmem() / 2 ** 30), node: process.version, postgres: f.postgres, calibration: await calibrate(url) };
  const report = { date, machine, deals: f.deals, activities: f.activities, shown_pipeline_deals: f.shown, bulk_deals: f.bulkCount, iterations: args.iterations, measures: results, ...extra };
  mkdirSync(args.out, { recursive: true });
  const previous = latestResults(args.out, date);
  const name = only ? `${date}-partial` : date;
  const file = path.join(args.out, `${name}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(path.join(args.out, `${name}.md`), summary(report, previous));
  console.log(`\n${summary(report, previous)}\nwritten: ${file}`);
}

type Report = { date: string; deals: number; activities: number; measures: Result[]; machine: Record<string, unknown> & { calibration?: Calibration } } & Record<string, unknown>;

function latestResults(dir: string, today: string): Report | null {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f) && f !== `${today}.json`)
    .sort();
  const last = files.at(-1);
  return last ? (JSON.parse(readFileSync(path.join(dir, last), "utf8")) as Report) : null;
}

/**
 * The results as a markdown table. A measure more than 20% slower than in the previous results is
 * flagged, after scaling those by how much slower this machine is (its calibration).
 */
function summary(report: Report, previous: Report | null): string {
  const scale = slowdown(report.machine.calibration, previous?.machine.calibration);
  const lines = [
    `# Benchmark ${report.date}`,
    "",
    `${report.deals.toLocaleString("en")} deals, ${report.activities.toLocaleString("en")} activities; ${JSON.stringify(report.machine)}`,
    previous ? `Compared with ${previous.date} (${previous.deals.toLocaleString("en")} deals)${scale === 1 ? "" : `, whose times are scaled by ${round(scale, 2)} for this machine's speed`}.` : "No earlier results to compare with.",
    "",
    "| measure | p50 ms | p95 ms | SQL floor ms | page/floor | target ms | |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const m of report.measures) {
    const before = previous?.measures.find((p) => p.name === m.name);
    const flags = [
      m.target_ms !== null && m.p50_ms > m.target_ms ? "over target" : "",
      m.ratio !== null && m.ratio > 3 ? "ratio > 3" : "",
      before && previous?.deals === report.deals && m.p50_ms > before.p50_ms * scale * 1.2 ? `regression (was ${before.p50_ms})` : "",
    ].filter(Boolean);
    lines.push(`| ${m.name} | ${m.p50_ms} | ${m.p95_ms} | ${m.floor_ms ?? "—"} | ${m.ratio ?? "—"} | ${m.target_ms ?? "—"} | ${flags.join(", ")} |`);
  }
  for (const key of ["list_rps_1server", "list_rps_2servers", "moves_200_concurrent", "automation_fanout", "automation_fanout_separate_worker"]) if (report[key]) lines.push("", `${key}: ${JSON.stringify(report[key])}`);
  return lines.join("\n") + "\n";
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
