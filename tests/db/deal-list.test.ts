import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { seedIfEmpty } from "@/db/seed";
import { countDeals, listDealsPage, matchingDealIds } from "@/lib/deals/list/queries";
import { parseListQuery, type ListQuery } from "@/lib/deals/list/url-state";
import { encodeCursor } from "@/lib/deals/list/cursor";
import { viewerFor } from "@/lib/permissions/load";
import type { Viewer } from "@/lib/permissions";
import { searchable } from "@/lib/search/normalize";
import { createTestDb, type TestDb } from "../helpers/db";

let handle: TestDb;
let db: Db;
let admin: Viewer;
let seller: Viewer;
const context = () => ({ viewerId: admin.id, timezone: "Asia/Ho_Chi_Minh", fields: [] });

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  await seedIfEmpty(db);
  const [a] = await db.select().from(s.users).where(eq(s.users.email, "admin@example.com"));
  const [d] = await db.select().from(s.users).where(eq(s.users.email, "duc.pham@example.com"));
  admin = (await viewerFor(db, a!.id))!;
  seller = (await viewerFor(db, d!.id))!;
});
afterAll(() => handle.close());

const q = (params: Record<string, string | string[]>) => parseListQuery(params);

/** Walks every page forward; returns the ids in order. */
async function walk(viewer: Viewer, query: ListQuery) {
  const ids: number[] = [];
  let page = await listDealsPage(db, viewer, query, context());
  ids.push(...page.rows.map((r) => r.id));
  for (let guard = 0; page.next; guard++) {
    if (guard > 1000) throw new Error("paging does not end");
    page = await listDealsPage(db, viewer, { ...query, after: page.next }, context());
    ids.push(...page.rows.map((r) => r.id));
  }
  return ids;
}

describe("filters", () => {
  it("each filter keeps exactly the deals it names", async () => {
    const all = await db.select().from(s.deals);
    const check = async (params: Record<string, string | string[]>, predicate: (d: (typeof all)[number]) => boolean) => {
      const ids = (await matchingDealIds(db, admin, q(params), context())).sort((a, b) => a - b);
      const expected = all.filter(predicate).map((d) => d.id).sort((a, b) => a - b);
      expect(ids, JSON.stringify(params)).toEqual(expected);
      expect(expected.length, JSON.stringify(params)).toBeGreaterThan(0);
    };
    const sample = all[7]!;
    await check({ pipeline: String(sample.pipelineId) }, (d) => d.pipelineId === sample.pipelineId);
    await check({ stage: [String(sample.stageId)] }, (d) => d.stageId === sample.stageId);
    await check({ semantics: ["S", "F"] }, (d) => d.stageSemantics !== "P");
    await check({ responsible: String(sample.assignedById) }, (d) => d.assignedById === sample.assignedById);
    await check({ currency: "USD", amountFrom: "10000", amountTo: "30000" }, (d) => d.currency === "USD" && Number(d.amount) >= 10000 && Number(d.amount) <= 30000);
    await check({ source: ["CALL", "WEB"] }, (d) => d.sourceId === "CALL" || d.sourceId === "WEB");
    await check({ closeFrom: sample.closeDate, closeTo: sample.closeDate }, (d) => d.closeDate === sample.closeDate);
    const withCompany = all.find((d) => d.companyId)!;
    await check({ company: String(withCompany.companyId) }, (d) => d.companyId === withCompany.companyId);
  });

  it("finds overdue deals and open deals with nothing planned", async () => {
    const overdue = await matchingDealIds(db, admin, q({ overdue: "1" }), context());
    const idle = await matchingDealIds(db, admin, q({ idle: "1" }), context());
    expect(overdue.length).toBeGreaterThan(0);
    expect(idle.length).toBeGreaterThan(0);
    expect(overdue.filter((id) => idle.includes(id))).toEqual([]);
  });

  it("filters created dates by the org's calendar day", async () => {
    const [deal] = await db.select().from(s.deals).limit(1);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(deal!.createdAt);
    const ids = await matchingDealIds(db, admin, q({ createdFrom: day, createdTo: day }), context());
    expect(ids).toContain(deal!.id);
    for (const id of ids) {
      const [d] = await db.select().from(s.deals).where(eq(s.deals.id, id));
      expect(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(d!.createdAt)).toBe(day);
    }
  });

  it("applies the permission rule: a sales person never sees more than he may read", async () => {
    const mine = await matchingDealIds(db, seller, q({}), context());
    const everything = await matchingDealIds(db, admin, q({}), context());
    expect(mine.length).toBeLessThan(everything.length);
    const count = await countDeals(db, seller, q({}), context());
    expect(count).toBe(mine.length);
  });
});

describe("search", () => {
  it("ignores diacritics and case: 'NGUYEN van' finds exactly the deals that name 'Nguyễn Văn', and only them", async () => {
    const [link] = await db
      .select({ dealId: s.dealContacts.dealId, name: s.contacts.name, lastName: s.contacts.lastName })
      .from(s.dealContacts)
      .innerJoin(s.contacts, eq(s.contacts.id, s.dealContacts.contactId))
      .where(sql`${s.contacts.lastName} in ('Nguyễn', 'Trần', 'Đặng', 'Võ')`)
      .limit(1);
    const query = `${searchable(link!.lastName!).toUpperCase()} ${searchable(link!.name).split(" ")[0]}`;
    expect(query).not.toMatch(/[^\x00-\x7f]/);
    const ids = (await matchingDealIds(db, admin, q({ q: query }), context())).sort((a, b) => a - b);
    // Worked out here from the deals' own title, company, contacts and comments, not from search_text:
    // a search that ignored its words would list every deal and still contain this one.
    const deals = await db.select({ id: s.deals.id, title: s.deals.title, comments: s.deals.comments, company: s.companies.title }).from(s.deals).leftJoin(s.companies, eq(s.companies.id, s.deals.companyId));
    const links = await db.select({ dealId: s.dealContacts.dealId, name: s.contacts.name, lastName: s.contacts.lastName }).from(s.dealContacts).innerJoin(s.contacts, eq(s.contacts.id, s.dealContacts.contactId));
    const words = searchable(query).split(" ");
    const expected = deals
      .filter((deal) => {
        const names = links.filter((l) => l.dealId === deal.id).map((l) => `${l.lastName ?? ""} ${l.name}`);
        const text = searchable([deal.title, deal.company ?? "", ...names, deal.comments ?? ""].join(" "));
        return words.every((word) => text.includes(word));
      })
      .map((deal) => deal.id)
      .sort((a, b) => a - b);
    expect(ids).toEqual(expected);
    expect(ids).toContain(link!.dealId);
    expect(ids.length).toBeLessThan(deals.length);
  });
  it("matches every word, across title and company", async () => {
    const [deal] = await db.select({ id: s.deals.id, title: s.deals.title, company: s.companies.title }).from(s.deals).innerJoin(s.companies, eq(s.companies.id, s.deals.companyId)).limit(1);
    const words = `${deal!.title.split(" ")[0]} ${deal!.company.split(" ").at(-1)}`;
    expect(await matchingDealIds(db, admin, q({ q: words }), context())).toContain(deal!.id);
    expect(await matchingDealIds(db, admin, q({ q: `${words} zzqqxx` }), context())).toEqual([]);
  });
  it("takes hostile strings literally", async () => {
    for (const hostile of ["%", "_", "\\", "'; drop table deals; --", "%%%_\\\\", "😀", "a".repeat(500), "\u0000", "x\u0000y"]) {
      await expect(matchingDealIds(db, admin, q({ q: hostile }), context())).resolves.toBeInstanceOf(Array);
    }
    expect(await matchingDealIds(db, admin, q({ q: "%" }), context())).toEqual([]);
  });
});

describe("sorting and keyset paging", () => {
  for (const sort of ["createdAt", "title", "amount", "closeDate", "probability", "updatedAt"]) {
    for (const dir of ["asc", "desc"]) {
      it(`walks every deal once, in order, by ${sort} ${dir}`, async () => {
        const query = q({ sort, dir, size: "20" });
        const ids = await walk(admin, query);
        const expected = await matchingDealIds(db, admin, query, context());
        expect(ids.length).toBe(expected.length);
        expect(new Set(ids).size).toBe(ids.length);
      });
    }
  }

  it("pages back to exactly the page before", async () => {
    const query = q({ sort: "amount", dir: "desc", size: "10" });
    const first = await listDealsPage(db, admin, query, context());
    const second = await listDealsPage(db, admin, { ...query, after: first.next }, context());
    const back = await listDealsPage(db, admin, { ...query, before: second.previous }, context());
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.previous).toBeNull();
  });

  it("skips nothing and repeats nothing while other rows are inserted and deleted", async () => {
    const query = q({ sort: "title", dir: "asc", size: "25" });
    const before = await matchingDealIds(db, admin, query, context());
    const seen: number[] = [];
    let page = await listDealsPage(db, admin, query, context());
    seen.push(...page.rows.map((r) => r.id));
    // Meanwhile: a deal sorting first is added (before our position) and one of the seen ones deleted.
    const [template] = await db.select().from(s.deals).limit(1);
    const copy: Partial<typeof template> = { ...template! };
    delete copy.id;
    await db.insert(s.deals).values({ ...(copy as Required<typeof copy>), title: "AAAA inserted meanwhile" });
    await db.delete(s.deals).where(eq(s.deals.id, seen[3]!));
    for (let guard = 0; page.next && guard < 1000; guard++) {
      page = await listDealsPage(db, admin, { ...query, after: page.next }, context());
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort((a, b) => a - b)).toEqual(before.sort((a, b) => a - b));
  });

  it("ignores forged cursors instead of failing", async () => {
    const overflow = { ...q({ sort: "id" }), after: encodeCursor({ value: "9999999999", id: 1 }) };
    expect((await listDealsPage(db, admin, overflow, context())).previous).toBeNull();
    for (const forged of [encodeCursor({ value: "1", id: 99999999999 }), encodeCursor({ value: "0000-01-01 00:00:00+00", id: 1 }), encodeCursor({ value: "2026-02-30 00:00:00+00", id: 1 })]) {
      expect((await listDealsPage(db, admin, { ...q({}), after: forged }, context())).rows.length).toBe(50);
    }
    for (const after of ["garbage", encodeCursor({ value: "not a date", id: 5 }), encodeCursor({ value: "1 or 1=1", id: 1 }), Buffer.from('["x"]').toString("base64url")]) {
      const page = await listDealsPage(db, admin, { ...q({}), after }, context());
      expect(page.rows.length).toBe(50);
      expect(page.previous).toBeNull();
    }
  });
});

describe("parseListQuery", () => {
  it("drops impossible dates that PostgreSQL would refuse", () => {
    expect(q({ createdFrom: "2026-02-30", closeTo: "0000-01-01", closeFrom: "2026-12-31" })).toMatchObject({ createdFrom: null, closeTo: null, closeFrom: "2026-12-31" });
  });
  it("drops unknown and malformed values", () => {
    expect(q({ stage: ["1", "x", "-2", "99999999999"], semantics: ["P", "Z"], sort: "drop", size: "7", currency: "BTC", createdFrom: "2026-13-45", amountFrom: "lots", source: ["CALL", "HACK"] })).toMatchObject({
      stages: [1],
      semantics: ["P"],
      sort: "createdAt",
      size: 50,
      currency: null,
      createdFrom: null,
      amountFrom: null,
      sources: ["CALL"],
    });
  });
});
