import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
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
    const companies = await searchClients(db, org.seller, "company", "dong a");
    expect(companies.map((c) => [c.label, c.detail])).toEqual([["Công ty TNHH Đông Á", "028 1234"]]);
    const contacts = await searchClients(db, org.seller, "contact", "NGUYEN duc");
    expect(contacts.map((c) => [c.label, c.detail])).toEqual([["Nguyễn Văn Đức", "Công ty Sao Mai"]]);
    expect(await searchClients(db, org.seller, "contact", "%")).toEqual([]);
  });

  it("shows phones and e-mails only to roles that may read client details, and lets only roles that may add create clients", async () => {
    const { viewerFor } = await import("@/lib/permissions/load");
    const { getDealCard } = await import("@/lib/deals/queries");
    const { createDeal } = await import("@/lib/deals/service");
    const { inTransaction } = await import("../helpers/db");
    const { dealInput } = await import("../helpers/fixtures");
    const { mayAddClients } = await import("@/lib/permissions");
    await db.insert(s.companies).values({ orgId: org.orgId, title: "Bảo mật Phương Nam", phones: [{ value: "0903 111 222", kind: "WORK" }], emails: [{ value: "ceo@phuongnam.vn", kind: "WORK" }] });
    await db.update(s.contacts).set({ phones: [{ value: "0912 345 678", kind: "MOBILE" }] }).where(eq(s.contacts.id, org.contacts[0]!.id));
    const id = await inTransaction(db, (tx) => createDeal(tx, org.admin, { ...dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id, contactIds: [org.contacts[0]!.id] }) }));
    // A role that may read deals but not client details.
    await db.update(s.roles).set({ clientRights: { add: false, details: false } }).where(eq(s.roles.id, org.roleIds.salesPerson));
    const seller = (await viewerFor(db, org.seller.id))!;
    expect(mayAddClients(seller)).toBe(false);
    expect((await searchClients(db, seller, "company", "phuong nam")).map((c) => [c.label, c.detail])).toEqual([["Bảo mật Phương Nam", null]]);
    const card = (await getDealCard(db, seller, id))!;
    expect(JSON.stringify(card)).not.toContain("0912 345 678");
    expect(card.contacts[0]!.phones).toEqual([]);
    // The same deal for the administrator still shows them.
    expect((await getDealCard(db, org.admin, id))!.contacts[0]!.phones).toEqual([{ value: "0912 345 678", kind: "MOBILE" }]);
    expect((await searchClients(db, org.admin, "company", "phuong nam"))[0]!.detail).toBe("0903 111 222");
    await db.update(s.roles).set({ clientRights: { add: true, details: true } }).where(eq(s.roles.id, org.roleIds.salesPerson));
  });
});
