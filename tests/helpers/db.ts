import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Client } from "pg";
import { expect, inject } from "vitest";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import { ActionError } from "@/lib/actions/errors";
import { databaseUrl } from "./database-template";

export type TestDb = DbHandle & { name: string };

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database on the server
 * DATABASE_URL points at (dropped afterwards), or an in-memory PGlite when it is unset. Both are
 * copies of the run's migrated template (tests/setup/database-template.ts); opening one still
 * runs the migrations, which find nothing to do.
 */
export async function createTestDb(): Promise<TestDb> {
  const template = inject("testDatabaseTemplate");
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pgliteImage = template?.driver === "pglite" ? new Blob([readFileSync(template.image)]) : undefined;
    const handle = await openDatabase({ url: "", dataDir: "memory://", pgliteImage });
    return { ...handle, name: "pglite" };
  }
  const name = `crm_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template?.driver === "pg" ? ` template ${template.name}` : ""}`);
  await admin.end();
  const handle = await openDatabase({ url: databaseUrl(serverUrl, name) });
  return {
    ...handle,
    name,
    async close() {
      await handle.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Runs a service call the way an action does: inside a transaction of its own. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** The ActionError a service call refused with (the test fails if it succeeded or threw anything else). */
export async function refusal(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}
