/**
 * The SQL floor of a page: the statements the app sent for one request (captured with
 * CRM_SQL_LOG), replayed directly on the database one after the other, inside a transaction that
 * is rolled back so writes can be replayed too.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Client } from "pg";
import { percentile } from "./stats";

export type Statement = { text: string; values: unknown[] };

const control = /^\s*(begin|commit|rollback|savepoint|release|select pg_advisory|set )/i;

export function startCapture(file: string) {
  writeFileSync(file, "");
}

export function readCapture(file: string): Statement[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Statement)
    .filter((s) => !control.test(s.text));
}

export async function sqlFloor(url: string, statements: Statement[], iterations: number): Promise<number> {
  if (statements.length === 0) return NaN;
  const client = new Client({ connectionString: url });
  await client.connect();
  const times: number[] = [];
  try {
    for (let i = 0; i < iterations + 2; i++) {
      await client.query("begin");
      const started = performance.now();
      for (const s of statements) await client.query(s.text, s.values);
      const ms = performance.now() - started;
      await client.query("rollback");
      if (i >= 2) times.push(ms); // the first two warm the caches
    }
  } finally {
    await client.end();
  }
  return percentile(times, 50);
}
