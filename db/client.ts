import path from "node:path";
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/** The one database type every query takes: PostgreSQL through `pg`, or embedded PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = {
  db: Db;
  driver: "pg" | "pglite";
  close(): Promise<void>;
  /**
   * LISTENs on a channel (NOTIFY is sent inside the writing transaction and delivered on commit).
   * PostgreSQL: on a connection of its own, outside the pool; `onLost` is called if it drops.
   * PGlite: in this process.
   */
  listen(channel: string, onPayload: (payload: string) => void, onLost: (error: Error) => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole database as a tarball, to start other instances from (see `pgliteImage`). */
  dumpImage?(): Promise<Blob>;
  /**
   * PostgreSQL only: the database through a small pool of its own (3 connections) whose clients
   * send every statement through `gate` first — the in-process job worker uses it to give way
   * to the requests the server is answering (lib/jobs/give-way.ts).
   */
  backgroundDb?(gate: (query: ClientQuery) => ClientQuery): Db;
};

/** `pg`'s `Client.query`, as a gate wraps it. */
export type ClientQuery = (...args: unknown[]) => unknown;

const BACKGROUND_POOL_SIZE = 3;

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/** Where embedded PGlite keeps its files: CRM_DATA_DIR (default ./.data) + /pglite, or memory:// */
export function pgliteLocation(dataDir = process.env.CRM_DATA_DIR || ".data"): string {
  if (dataDir.startsWith("memory://")) return dataDir;
  return path.resolve(/*turbopackIgnore: true*/ dataDir, "pglite");
}

/**
 * Opens a database and brings its schema up to date with the committed migrations.
 * `pgliteImage` (PGlite only): start from a copy of another instance's `dumpImage()` instead of an
 * empty database; the tests start every file from one migrated image, so migrations then find nothing to do.
 */
export async function openDatabase(options: { url?: string; dataDir?: string; pgliteImage?: Blob } = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite(pgliteLocation(options.dataDir), options.pgliteImage);
}

async function openPostgres(url: string): Promise<DbHandle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  // JIT compilation costs tens of milliseconds on a page's short queries and never pays back here.
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE || 10), options: "-c jit=off" });
  pool.on("error", (error) => console.error("[db] idle client error", error));
  if (process.env.CRM_SQL_LOG) logStatements(pool, process.env.CRM_SQL_LOG);
  // Several app processes may start at once: one migrates while the others wait on the lock.
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(727001)");
    await migrate(drizzle({ client, schema }), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(727001)").catch(() => undefined);
    client.release();
  }
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  const listen: DbHandle["listen"] = async (channel, onPayload, onLost) => {
    const { Client } = await import("pg");
    const listener = new Client({ connectionString: url });
    // pg reports a dropped connection twice (error, then end): the caller hears of it once, and
    // only after the connection was up (a failed connect rejects instead).
    let up = false;
    let done = false;
    const lost = (error: Error) => {
      if (!up || done) return;
      done = true;
      listener.end().catch(() => undefined);
      onLost(error);
    };
    listener.on("notification", (message) => {
      if (message.channel === channel) onPayload(message.payload ?? "");
    });
    listener.on("error", lost);
    listener.on("end", () => lost(new Error("listener connection ended")));
    try {
      await listener.connect();
      await listener.query(`listen "${channel.replaceAll('"', "")}"`);
    } catch (error) {
      done = true;
      await listener.end().catch(() => undefined);
      throw error;
    }
    up = true;
    return async () => {
      done = true;
      await listener.end().catch(() => undefined);
    };
  };
  let background: import("pg").Pool | undefined;
  const backgroundDb = (gate: (query: ClientQuery) => ClientQuery): Db => {
    if (background) throw new Error("the background pool is opened once");
    background = new Pool({ connectionString: url, max: BACKGROUND_POOL_SIZE, options: "-c jit=off" });
    background.on("error", (error) => console.error("[db] idle background client error", error));
    background.on("connect", (client) => {
      const query = client.query.bind(client) as ClientQuery;
      (client as unknown as { query: ClientQuery }).query = gate(query);
    });
    return drizzle({ client: background, schema }) as unknown as Db;
  };
  const close = async () => {
    await Promise.all([pool.end(), background?.end()]);
  };
  return { db, driver: "pg", close, listen, backgroundDb };
}

/**
 * Appends every statement the app sends (text and parameters, one JSON line each) to a file: the
 * benchmark replays a page's statements directly on the database to find its SQL floor.
 * Off unless CRM_SQL_LOG is set; never for production use.
 */
function logStatements(pool: import("pg").Pool, file: string) {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first, second] = args;
      const text = typeof first === "string" ? first : (first as { text?: string })?.text;
      // pg takes (text, values) or ({ text, values }) or, as drizzle calls it, ({ text, … }, values).
      const values = Array.isArray(second) ? second : (first as { values?: unknown[] })?.values;
      if (typeof text === "string") appendFileSync(file, JSON.stringify({ text, values: Array.isArray(values) ? values : [] }) + "\n");
      return query(...args);
    };
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A lock file with the owner's pid refuses that with a clear message (a stale one is taken over).
 */
function lockFolder(location: string): () => void {
  const lockFile = `${location}.lock`;
  try {
    writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number(readFileSync(lockFile, "utf8"));
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new Error(`The embedded database in ${location} is in use by process ${owner} (is the CRM running?). Stop it first, or set DATABASE_URL.`);
    }
    writeFileSync(lockFile, String(process.pid));
  }
  const release = () => rmSync(lockFile, { force: true });
  process.once("exit", release);
  return release;
}

async function openPglite(location: string, image?: Blob): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const inMemory = location.startsWith("memory://");
  if (!inMemory) mkdirSync(location, { recursive: true });
  const unlock = inMemory ? () => undefined : lockFolder(location);
  try {
    const client = await PGlite.create(location, { extensions: { pg_trgm }, loadDataDir: image });
    const pglite = drizzle({ client, schema });
    await migrate(pglite, { migrationsFolder });
    return {
      db: pglite as unknown as Db,
      driver: "pglite",
      close: async () => {
        await client.close();
        unlock();
      },
      listen: async (channel, onPayload) => {
        const unlisten = await client.listen(channel, onPayload);
        return async () => unlisten();
      },
      // Uncompressed: loading it is what every test file waits for, and gzip makes that slower.
      dumpImage: () => client.dumpDataDir("none"),
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

// One handle per process. Kept on globalThis so that Next.js bundles (instrumentation, pages,
// route handlers) and dev-server reloads share it: a PGlite folder must have one owner.
const holder = globalThis as unknown as { __crmDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  holder.__crmDb ??= openDatabase().catch((error: unknown) => {
    holder.__crmDb = undefined;
    throw error;
  });
  return holder.__crmDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const handle = holder.__crmDb;
  holder.__crmDb = undefined;
  if (handle) await (await handle).close();
}

/** Rows of a raw SQL statement; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
