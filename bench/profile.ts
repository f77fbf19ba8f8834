/**
 * Which statements a page spends its SQL time on: captures one request's statements (run the
 * app with CRM_SQL_LOG=.bench-sql.jsonl on BENCH_DATABASE_URL) and times each one.
 *
 *   npm run bench:profile -- --url "/deals?q=abc" [--port 3300] [--user bench.sales@example.com]
 */
import { Client } from "pg";
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USERS, parseArgs } from "./config";
import { readCapture, startCapture } from "./floor";
import { signIn, timedGet } from "./http";

const args = parseArgs(process.argv.slice(2), { url: "/deals", port: 3300, user: BENCH_USERS.admin as string, explain: false });

async function main() {
  const file = ".bench-sql.jsonl";
  const session = await signIn(`http://localhost:${args.port}`, args.user, BENCH_PASSWORD);
  await timedGet(session, args.url);
  startCapture(file);
  const { ms } = await timedGet(session, args.url);
  const statements = readCapture(file);
  console.log(`${args.url}: ${ms.toFixed(1)} ms over HTTP, ${statements.length} statements`);
  const client = new Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  for (const s of statements) {
    const started = performance.now();
    await client.query(s.text, s.values);
    const took = performance.now() - started;
    console.log(`${took.toFixed(2).padStart(9)} ms  ${s.text.replace(/\s+/g, " ").slice(0, 220)}`);
    if (args.explain && took > 20) {
      const plan = await client.query(`explain (analyze, buffers) ${s.text}`, s.values);
      console.log(plan.rows.map((r: Record<string, string>) => `      ${r["QUERY PLAN"]}`).join("\n"));
    }
  }
  await client.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
