/**
 * A fixed amount of work timed on this machine: the same code took 2.3 times as long on one
 * 2-core machine of this workplace as on another, so figures from two machines can only be read
 * side by side with these two numbers next to them.
 */
import { Client } from "pg";
import { percentile } from "./stats";

export type Calibration = { node_ms: number; postgres_ms: number };

/** Node.js: building, serialising and parsing a page's worth of objects, many times over. */
function nodeWork(): number {
  const started = performance.now();
  let size = 0;
  for (let round = 0; round < 40; round++) {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ id: i, title: `Deal ${i} ${round}`, amount: (i * 7919) % 100_000, tags: [i % 3, i % 5, i % 7] }));
    size += (JSON.parse(JSON.stringify(rows)) as unknown[]).length;
  }
  if (size !== 80_000) throw new Error("calibration went wrong");
  return performance.now() - started;
}

/** PostgreSQL: hashing and summing a million generated rows, without JIT. */
async function postgresWork(client: Client): Promise<number> {
  const started = performance.now();
  await client.query("select sum(hashtext(i::text)::bigint) from generate_series(1, 1000000) i");
  return performance.now() - started;
}

export async function calibrate(url: string): Promise<Calibration> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set jit = off");
    const node = Array.from({ length: 7 }, nodeWork).slice(2);
    const postgres: number[] = [];
    for (let i = 0; i < 5; i++) postgres.push(await postgresWork(client));
    return { node_ms: Math.round(percentile(node, 50)), postgres_ms: Math.round(percentile(postgres.slice(1), 50)) };
  } finally {
    await client.end();
  }
}

/**
 * How much slower this machine is than the one `previous` ran on (1 = as fast): the mean of the
 * two ratios, or 1 when either run has no calibration.
 */
export function slowdown(current: Calibration | undefined, previous: Calibration | undefined): number {
  if (!current || !previous) return 1;
  return (current.node_ms / previous.node_ms + current.postgres_ms / previous.postgres_ms) / 2;
}
