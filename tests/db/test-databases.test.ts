import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrationsFolder } from "@/db/client";
import { dropOrphanTemplates, migrationsKey, TEMPLATE_PREFIX } from "../helpers/database-template";

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };

describe("the test databases' template", () => {
  it("is named by the migrations: another file or another content gives another key", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "crm-migrations-"));
    try {
      writeFileSync(path.join(folder, "0000_init.sql"), "create table a (id int);");
      const first = migrationsKey(folder);
      expect(migrationsKey(folder)).toBe(first);
      writeFileSync(path.join(folder, "0000_init.sql"), "create table a (id bigint);");
      const changed = migrationsKey(folder);
      expect(changed).not.toBe(first);
      writeFileSync(path.join(folder, "0001_more.sql"), "");
      expect(migrationsKey(folder)).not.toBe(changed);
      expect(migrationsKey(folder, ["pglite 0.5"])).not.toBe(migrationsKey(folder, ["pglite 0.6"]));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.runIf(!process.env.DATABASE_URL)("on PGlite is an image with every migration applied", async () => {
    const template = inject("testDatabaseTemplate");
    expect(template?.driver).toBe("pglite");
    if (template?.driver !== "pglite") return;
    const client = await PGlite.create("memory://", { extensions: { pg_trgm }, loadDataDir: new Blob([readFileSync(template.image)]) });
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    await client.close();
    expect(rows[0]!.n).toBe(journal.entries.length);
  });

  describe.runIf(process.env.DATABASE_URL)("on PostgreSQL", () => {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    const made: string[] = [];
    const exists = async (name: string) => (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
    async function templateOf(note: string) {
      const name = `${TEMPLATE_PREFIX}test_${Math.random().toString(36).slice(2, 10)}`;
      await admin.query(`create database ${name}`);
      await admin.query(`comment on database ${name} is ${admin.escapeLiteral(note)}`);
      made.push(name);
      return name;
    }
    beforeAll(() => admin.connect());
    afterAll(async () => {
      for (const name of made) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it("is this run's own, migrated once, and closed to connections so it can be cloned", async () => {
      const template = inject("testDatabaseTemplate");
      expect(template?.driver).toBe("pg");
      if (template?.driver !== "pg") return;
      const { rows } = await admin.query(`select datallowconn, shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`, [template.name]);
      expect(rows).toEqual([{ datallowconn: false, note: expect.stringMatching(new RegExp(`^${hostname()}:\\d+$`)) }]);
    });

    it("left behind by a run that died is dropped by the next; a live run's, and another machine's, stay", async () => {
      const orphan = await templateOf(`${hostname()}:999999999`);
      const live = await templateOf(`${hostname()}:${process.pid}`);
      const elsewhere = await templateOf("another-machine:999999999");
      await dropOrphanTemplates(admin);
      expect(await exists(orphan)).toBe(false);
      expect(await exists(live)).toBe(true);
      expect(await exists(elsewhere)).toBe(true);
    });
  });
});
