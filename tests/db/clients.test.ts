import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { searchClients } from "@/lib/clients/search";
import type { TestDb } from "../helpers/db";
import { openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

describe("client search", () => {
  it("finds every typed word without case or diacritics, in this org only", async () => {
    await db.insert(s.companies).values({ orgId: org.orgId, title: "Công ty TNHH Đông Á", phones: [{ value: "028 1234", kind: "WORK" }] });
    await db.insert(s.contacts).values({ orgId: org.orgId, name: "Văn Đức", lastName: "Nguyễn", companyId: org.company.id });
    const [other] = await db.insert(s.orgs).values({ name: "Other" }).returning();
    await db.insert(s.companies).values({ orgId: other!.id, title: "Đông Á elsewhere" });
    const companies = await searchClients(db, org.orgId, "company", "dong a");
    expect(companies.map((c) => [c.label, c.detail])).toEqual([["Công ty TNHH Đông Á", "028 1234"]]);
    const contacts = await searchClients(db, org.orgId, "contact", "NGUYEN duc");
    expect(contacts.map((c) => [c.label, c.detail])).toEqual([["Nguyễn Văn Đức", "Công ty Sao Mai"]]);
    expect(await searchClients(db, org.orgId, "contact", "%")).toEqual([]);
  });
});
