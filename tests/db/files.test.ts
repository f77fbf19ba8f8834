import { mkdtempSync, existsSync, readdirSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
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
import { ActionError } from "@/lib/actions/errors";
import { fileInputName, inputName, SENT } from "@/lib/fields/form-input";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { submittedCustomValues } from "@/lib/fields/submitted";
import { translator } from "@/lib/i18n/translate";
import { copyFilesOf } from "@/lib/files/copy";
import { readableFile } from "@/lib/files/access";
import { fileStorage } from "@/lib/files/storage";
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

describe("uploads and the permission they need", () => {
  const filesOfOrg = () => (existsSync(path.join(root, String(org.orgId))) ? readdirSync(path.join(root, String(org.orgId))).sort() : []);
  const form = (code: string, kept: string[] = []) => {
    const data = new FormData();
    data.append(SENT, code);
    for (const id of kept) data.append(inputName(code), id);
    data.append(fileInputName(code), new File(["x".repeat(1000)], "big.pdf", { type: "application/pdf" }));
    return data;
  };
  const context = (formData: FormData, undos: (() => Promise<void>)[]) => ({
    db,
    viewer: { ...org.seller, org: { timezone: "Asia/Ho_Chi_Minh" } },
    formData,
    t: translator("en"),
    locale: "en" as const,
    onFailure: (undo: () => Promise<void>) => void undos.push(undo),
  });

  it("store nothing when the write they belong to is refused", async () => {
    await inTransaction(db, (tx) => createCustomField(tx, org.admin, fieldInput({ label: "Scan", code: "UF_CRM_SCAN", type: "file" })));
    const defs = await getFieldDefinitions(db, org.seller);
    const before = filesOfOrg();
    const refused = submittedCustomValues(context(form("UF_CRM_SCAN"), []), defs, {
      authorize: () => Promise.reject(new ActionError("forbidden", "errors.forbidden")),
    });
    await expect(refused).rejects.toBeInstanceOf(ActionError);
    expect(filesOfOrg()).toEqual(before);
    expect(await db.$count(s.storedFiles, eq(s.storedFiles.fieldCode, "UF_CRM_SCAN"))).toBe(0);
  });

  it("are removed at once when the action fails after storing them", async () => {
    const defs = await getFieldDefinitions(db, org.seller);
    const before = filesOfOrg();
    const undos: (() => Promise<void>)[] = [];
    const values = await submittedCustomValues(context(form("UF_CRM_SCAN"), undos), defs, { authorize: async () => undefined });
    expect(values.UF_CRM_SCAN).toEqual(expect.any(Number));
    expect(filesOfOrg()).toHaveLength(before.length + 1);
    // What the action wrapper does when the transaction is refused later (a stale version, say).
    for (const undo of undos) await undo();
    expect(filesOfOrg()).toEqual(before);
  });
});

describe("copying a deal", () => {
  it("gives the copy its own copies of the files the viewer may download, and nothing of a deal they may not read", async () => {
    await inTransaction(db, (tx) => createCustomField(tx, org.admin, fieldInput({ label: "Quote", code: "UF_CRM_QUOTE", type: "file", multiple: true })));
    const defs = await getFieldDefinitions(db, org.seller);
    const def = defs.find((d) => d.code === "UF_CRM_QUOTE")!;
    const stageId = org.stage(0, "NEW").id;
    const sellerFile = await storeUpload(db, org.orgId, org.seller.id, def, new File(["báo giá"], "bao-gia.pdf"));
    const source = await inTransaction(db, (tx) => createDeal(tx, org.seller, { ...dealInput({ stageId }), custom: { UF_CRM_QUOTE: [sellerFile] } }));
    const seller = { ...org.seller, email: "", org: { name: "", baseCurrency: "VND", timezone: "Asia/Ho_Chi_Minh" } };
    const copied = await copyFilesOf(db, seller, source, defs, { UF_CRM_QUOTE: [sellerFile] }, () => undefined);
    const [copy] = copied.UF_CRM_QUOTE as number[];
    expect(copy).not.toBe(sellerFile);
    const target = await inTransaction(db, (tx) => createDeal(tx, org.seller, { ...dealInput({ stageId }), custom: copied }));
    const file = (await readableFile(db, org.seller, copy!))!;
    expect(file.dealId).toBe(target);
    expect(new TextDecoder().decode((await fileStorage().get(file.key))!)).toBe("báo giá");
    // A private deal's file stays as sent, and the deal service refuses it.
    const otherFile = await storeUpload(db, org.orgId, org.other.id, def, new File(["secret"], "secret.pdf"));
    const hidden = await inTransaction(db, (tx) => createDeal(tx, org.other, { ...dealInput({ stageId, opened: false }), custom: { UF_CRM_QUOTE: [otherFile] } }));
    const attempt = await copyFilesOf(db, seller, hidden, defs, { UF_CRM_QUOTE: [otherFile] }, () => undefined);
    expect(attempt.UF_CRM_QUOTE).toEqual([otherFile]);
    await expect(inTransaction(db, (tx) => createDeal(tx, org.seller, { ...dealInput({ stageId }), custom: attempt }))).rejects.toBeInstanceOf(ActionError);
  });
});
