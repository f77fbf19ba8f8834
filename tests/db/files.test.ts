import { mkdtempSync, existsSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { createCustomField } from "@/lib/fields/service";
import { removeOrphanFiles } from "@/lib/files/cleanup";
import { storeUpload } from "@/lib/files/uploads";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

const root = mkdtempSync(path.join(tmpdir(), "crm-files-"));
process.env.CRM_FILES_DIR = root;

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

describe("orphan uploads", () => {
  it("go a day after they were made: rows no deal holds, and bytes without a row; held files stay", async () => {
    await inTransaction(db, (tx) => createCustomField(tx, org.admin, fieldInput({ label: "Docs", code: "UF_CRM_DOCS", type: "file", multiple: true })));
    const def = { code: "UF_CRM_DOCS", label: "Docs", type: "file" as const, settings: {}, multiple: true, mandatory: false };
    const held = await storeUpload(db, org.orgId, org.admin.id, def, new File(["kept"], "kept.pdf"));
    const loose = await storeUpload(db, org.orgId, org.admin.id, def, new File(["gone"], "gone.pdf"));
    await inTransaction(db, (tx) => createDeal(tx, org.admin, { ...dealInput({ stageId: org.stage(0, "NEW").id }), custom: { UF_CRM_DOCS: [held] } }));
    const stray = path.join(root, String(org.orgId), "f".repeat(32));
    mkdirSync(path.dirname(stray), { recursive: true });
    writeFileSync(stray, "stray");
    const old = new Date(Date.now() - 2 * 24 * 60 * 60_000);
    utimesSync(stray, old, old);
    await db.update(s.storedFiles).set({ createdAt: old });
    const keys = Object.fromEntries((await db.select().from(s.storedFiles)).map((f) => [f.id, f.key]));

    expect(await removeOrphanFiles(db, root)).toEqual({ rows: 1, bytes: 1 });
    expect((await db.select().from(s.storedFiles)).map((f) => f.id)).toEqual([held]);
    expect(existsSync(path.join(root, keys[held]!))).toBe(true);
    expect(existsSync(path.join(root, keys[loose]!))).toBe(false);
    expect(existsSync(stray)).toBe(false);
    // Nothing younger than a day is touched (an upload whose deal is being saved right now).
    await storeUpload(db, org.orgId, org.admin.id, def, new File(["new"], "new.pdf"));
    expect(await removeOrphanFiles(db, root)).toEqual({ rows: 0, bytes: 0 });
    expect(await db.select().from(s.storedFiles).where(eq(s.storedFiles.name, "new.pdf"))).toHaveLength(1);
  });
});
