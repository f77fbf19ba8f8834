/** Bulk-loading plumbing for the benchmark's data set: a fresh database, dropped indexes, two workers. */
import { Client } from "pg";

export async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** A connection tuned for loading: nothing waits for the disk, sorts and index builds get memory. */
export async function loadingClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query("set synchronous_commit = off; set maintenance_work_mem = '256MB'; set work_mem = '64MB'; set jit = off");
  return client;
}

/**
 * Drops a table's secondary indexes and foreign keys for the load and gives back the statements
 * that rebuild them: one pass over the loaded rows instead of a check and an index entry per row.
 */
export async function dropForLoad(client: Client, table: string): Promise<string[]> {
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

export type Task = { name: string; run: (client: Client) => Promise<Task[] | void> };

/**
 * Runs tasks on as many connections as given, each connection taking the next task when it is
 * free; a task may return more tasks (work that could only start after it), which go to the
 * front. The first failure stops the hand-out and is thrown once the running tasks end.
 */
export async function runOnConnections(clients: Client[], tasks: Task[], onDone?: (name: string) => void): Promise<void> {
  const queue = [...tasks];
  let running = 0;
  let failure: unknown = null;
  const worker = async (client: Client) => {
    while (failure === null && (queue.length > 0 || running > 0)) {
      const task = queue.shift();
      if (!task) {
        // Another connection's task may still hand out follow-up work.
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      running++;
      try {
        const more = await task.run(client);
        if (more) queue.unshift(...more);
        onDone?.(task.name);
      } catch (error) {
        failure ??= new Error(`${task.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        running--;
      }
    }
  };
  await Promise.all(clients.map(worker));
  if (failure !== null) throw failure;
}
