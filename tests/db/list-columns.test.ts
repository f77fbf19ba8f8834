import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { getCustomListColumns, saveListColumns } from "@/lib/deals/list/preferences";
import { createCustomField } from "@/lib/fields/service";
import type { Viewer } from "@/lib/permissions";
import type { TestDb } from "../helpers/db";
import { fieldInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
const codes: Record<string, string> = {};

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  const make = async (key: string, overrides: Partial<Parameters<typeof fieldInput>[0]>) => {
    const id = await db.transaction((tx) => createCustomField(tx as unknown as Db, org.admin, fieldInput({ label: key, ...overrides })));
    codes[key] = (await db.select({ code: s.customFields.code }).from(s.customFields).where(eq(s.customFields.id, id)))[0]!.code;
  };
  await make("Region", { showInList: true });
  await make("Tax code", { showInList: true, sort: 200 });
  await make("Notes", { showInList: false });
  await make("Margin", { showInList: true, visibleUsers: [org.admin.id] });
});
afterAll(() => handle.close());

const columnsOf = async (viewer: Viewer) => (await getCustomListColumns(db, viewer)).map((f) => f.label);

describe("custom fields marked as a list column", () => {
  it("are columns for everyone who never chose their columns, as far as each may see them", async () => {
    expect(await columnsOf(org.seller)).toEqual(["Region", "Tax code"]);
    expect(await columnsOf(org.admin)).toEqual(["Region", "Margin", "Tax code"]);
  });

  it("give way to a person's own choice, once made", async () => {
    await saveListColumns(db, org.seller, ["title", "amount", codes["Tax code"]!]);
    expect(await columnsOf(org.seller)).toEqual(["Tax code"]);
    await saveListColumns(db, org.seller, ["title", "amount"]);
    expect(await columnsOf(org.seller)).toEqual([]);
    // Someone else's choice changes nothing for the others.
    expect(await columnsOf(org.other)).toEqual(["Region", "Tax code"]);
  });
});
