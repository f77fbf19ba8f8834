import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal, updateDeal } from "@/lib/deals/service";
import { saveCurrencyRates } from "@/lib/org/currency-rates";
import type { TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";
import { listedRows } from "../helpers/list";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let ids: { vnd: number; usd: number; eur: number; small: number };
const admin = () => ({ ...org.admin, org: { baseCurrency: "VND" } });
const baseOf = async (id: number) => (await db.select({ v: s.deals.amountBase }).from(s.deals).where(eq(s.deals.id, id)))[0]!.v;

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  await saveCurrencyRates(db, admin(), { USD: "25000" });
  const stageId = org.stage(0, "NEW").id;
  const make = (title: string, amount: string, currency: "VND" | "USD" | "EUR") => createDeal(db, org.admin, dealInput({ stageId, title: `Base ${title}`, amount, currency }));
  ids = { vnd: await make("vnd", "4500000", "VND"), usd: await make("usd", "49900", "USD"), eur: await make("eur", "100", "EUR"), small: await make("small", "10", "USD") };
});
afterAll(() => handle.close());

const byAmount = async (dir: "asc" | "desc", extra: Record<string, string> = {}) =>
  (await listedRows(db, org.admin, { q: "Base", sort: "amount", dir, size: "2", ...extra })).map((r) => r.id);

describe("the amount in the base currency", () => {
  it("is the amount itself in the base currency, converted at the org's rate otherwise, and unknown without a rate", async () => {
    expect(await baseOf(ids.vnd)).toBe("4500000.00");
    expect(await baseOf(ids.usd)).toBe("1247500000.00");
    expect(await baseOf(ids.small)).toBe("250000.00");
    expect(await baseOf(ids.eur)).toBeNull();
  });

  it("orders the list across currencies, a currency without a rate lowest, page by page", async () => {
    expect(await byAmount("desc")).toEqual([ids.usd, ids.vnd, ids.small, ids.eur]);
    expect(await byAmount("asc")).toEqual([ids.eur, ids.small, ids.vnd, ids.usd]);
  });

  it("filters amount ranges in the base currency; an amount of unknown worth matches no range", async () => {
    expect(await byAmount("desc", { amountFrom: "1000000" })).toEqual([ids.usd, ids.vnd]);
    expect(await byAmount("desc", { amountTo: "5000000" })).toEqual([ids.vnd, ids.small]);
    expect(await byAmount("desc", { amountFrom: "5000000" })).toEqual([ids.usd]);
    // With a currency chosen, the range is in that currency.
    expect(await byAmount("desc", { currency: "USD", amountFrom: "5", amountTo: "100" })).toEqual([ids.small]);
  });

  it("follows a change of the amount or the currency, whatever writes it", async () => {
    const [deal] = await db.select({ version: s.deals.version }).from(s.deals).where(eq(s.deals.id, ids.small));
    await updateDeal(db, org.admin, ids.small, deal!.version, dealInput({ stageId: org.stage(0, "NEW").id, title: "Base small", amount: "20", currency: "USD" }));
    expect(await baseOf(ids.small)).toBe("500000.00");
    // A write that bypasses the service (a bulk statement, an import) is kept too.
    await db.update(s.deals).set({ currency: "VND", amount: "20" }).where(eq(s.deals.id, ids.small));
    expect(await baseOf(ids.small)).toBe("20.00");
    await db.update(s.deals).set({ currency: "USD" }).where(eq(s.deals.id, ids.small));
    expect(await baseOf(ids.small)).toBe("500000.00");
  });

  it("follows the org's rates: set, changed and removed, converting only that currency of that org", async () => {
    const [elsewhere] = await db.insert(s.orgs).values({ name: "Elsewhere", timezone: "Asia/Ho_Chi_Minh" }).returning();
    const [user] = await db.insert(s.users).values({ orgId: elsewhere!.id, email: `x.${elsewhere!.id}@test.local`, name: "x", passwordHash: "x" }).returning();
    const [pipeline] = await db.insert(s.pipelines).values({ orgId: elsewhere!.id, name: "P", sort: 0, isDefault: true }).returning();
    const [stage] = await db.insert(s.stages).values({ orgId: elsewhere!.id, pipelineId: pipeline!.id, code: "NEW", name: "New", sort: 10, color: "#000", semantics: "P" }).returning();
    const today = "2026-12-03";
    const [theirs] = await db
      .insert(s.deals)
      .values({ orgId: elsewhere!.id, title: "Theirs", pipelineId: pipeline!.id, stageId: stage!.id, stageSemantics: "P", amount: "100", currency: "EUR", assignedById: user!.id, beginDate: today, closeDate: today })
      .returning();

    await saveCurrencyRates(db, admin(), { EUR: "27000" });
    expect(await baseOf(ids.eur)).toBe("2700000.00");
    expect(await baseOf(theirs!.id)).toBeNull();
    await saveCurrencyRates(db, admin(), { EUR: "28000.5", USD: "26000" });
    expect(await baseOf(ids.eur)).toBe("2800050.00");
    expect(await baseOf(ids.usd)).toBe("1297400000.00");
    expect(await byAmount("desc")).toEqual([ids.usd, ids.vnd, ids.eur, ids.small]);
    await saveCurrencyRates(db, admin(), { EUR: null });
    expect(await baseOf(ids.eur)).toBeNull();
    expect(await baseOf(ids.vnd)).toBe("4500000.00");
  });
});
