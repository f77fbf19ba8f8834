import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { migrationsFolder, openDatabase } from "@/db/client";

/**
 * What every test file's database is cloned from, made once per vitest run by tests/setup/database-template.ts:
 * a migrated PostgreSQL database to `CREATE DATABASE … TEMPLATE`, or a migrated PGlite image (a tarball of its data folder).
 */
export type TestDatabaseTemplate = { driver: "pg"; name: string } | { driver: "pglite"; image: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseTemplate: TestDatabaseTemplate | undefined;
  }
}

export const TEMPLATE_PREFIX = "crm_test_template_";

/** A short hash of the migrations' files (names and contents): a template made from other migrations never matches. */
export function migrationsKey(folder = migrationsFolder, extra: string[] = []): string {
  const hash = createHash("sha256");
  const files = readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(path.join(folder, name)).isFile())
    .sort();
  for (const name of files) hash.update(`${name}\0`).update(readFileSync(path.join(folder, name))).update("\0");
  for (const part of extra) hash.update(`${part}\0`);
  return hash.digest("hex").slice(0, 12);
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, fn: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The comment a template carries: which machine and process made it, so a later run can tell it was left behind. */
function ownerNote(pid = process.pid): string {
  return `${hostname()}:${pid}`;
}

/**
 * Drops the templates of vitest runs on this machine that died before their teardown. A template of a
 * live run, or of another machine, stays: several runs share one server (worktrees, CI).
 */
export async function dropOrphanTemplates(admin: Client): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string; note: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as note from pg_database where starts_with(datname, $1)`,
    [TEMPLATE_PREFIX],
  );
  const dropped: string[] = [];
  for (const { datname, note } of rows) {
    const [, host, pid] = /^(.*):(\d+)$/.exec(note ?? "") ?? [];
    if (host !== hostname() || isRunning(Number(pid))) continue;
    // Another run may be dropping it at the same moment.
    await admin.query(`drop database if exists "${datname}" with (force)`).then(
      () => dropped.push(datname),
      () => undefined,
    );
  }
  return dropped;
}

/**
 * A migrated PostgreSQL database of this run's own (no other run depends on it, so teardown may drop it),
 * closed to connections: `CREATE DATABASE … TEMPLATE` refuses a template anyone is connected to.
 */
export async function createPostgresTemplate(serverUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `${TEMPLATE_PREFIX}${migrationsKey()}_${randomBytes(3).toString("hex")}`;
  await onServer(serverUrl, async (admin) => {
    await dropOrphanTemplates(admin);
    await admin.query(`create database ${name}`);
    await admin.query(`comment on database ${name} is ${admin.escapeLiteral(ownerNote())}`);
  });
  const handle = await openDatabase({ url: databaseUrl(serverUrl, name) });
  await handle.close();
  await onServer(serverUrl, (admin) => admin.query(`alter database ${name} allow_connections false`));
  return { name, drop: () => onServer(serverUrl, async (admin) => void (await admin.query(`drop database if exists ${name} with (force)`))) };
}

/** Where migrated PGlite images are kept between runs (a folder of this checkout; `npm ci` empties it). */
export const PGLITE_IMAGE_FOLDER = path.resolve("node_modules", ".cache", "crm-test-databases");

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(path.resolve("node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The path of a migrated PGlite image. It is named by the migrations and the PGlite and drizzle versions,
 * so it is made once and reused by later runs until one of them changes; older images are removed.
 */
export async function pgliteImage(folder = PGLITE_IMAGE_FOLDER): Promise<string> {
  const key = migrationsKey(migrationsFolder, [packageVersion("@electric-sql/pglite"), packageVersion("drizzle-orm")]);
  const file = path.join(folder, `pglite-${key}.tar`);
  mkdirSync(folder, { recursive: true });
  if (existsSync(file)) {
    const now = new Date();
    utimesSync(file, now, now); // in use: not stale
  } else {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    const image = await handle.dumpImage!();
    await handle.close();
    // Written aside and renamed: a run starting meanwhile never reads half an image.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
    renameSync(partial, file);
  }
  dropStaleImages(folder, file);
  return file;
}

/** Images of other migrations unused for an hour: no run still reads them (a run touches its image when it starts). */
function dropStaleImages(folder: string, current: string) {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (file !== current && name.startsWith("pglite-") && statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true });
  }
}
