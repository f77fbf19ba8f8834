import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { currencyRates, dealEvents, deals, stageHistory, stages } from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { getCurrencyRates, saveCurrencyRates } from "@/lib/org/currency-rates";
import { addStage, deleteStage, moveStage, updateStage } from "@/lib/pipelines/stages";
import { setRequiredFields } from "@/lib/deals/required/service";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
async function stageNames(pipelineIndex = 1): Promise<string[]> {
  const rows = await db.select({ name: stages.name }).from(stages).where(eq(stages.pipelineId, org.pipelines[pipelineIndex]!.id)).orderBy(asc(stages.sort), asc(stages.id));
  return rows.map((r) => r.name);
}
const plain = { color: "#112233", rotDays: null };

describe("stage editing", () => {
  it("adds an in-progress stage after the others in progress, and a failure stage at the end", async () => {
    const p = org.pipelines[1]!.id;
    await inTx((tx) => addStage(tx, org.admin, p, { name: "Negotiation", semantics: "P", ...plain }));
    await inTx((tx) => addStage(tx, org.admin, p, { name: "No budget", semantics: "F", ...plain }));
    const names = await stageNames();
    expect(names.indexOf("Negotiation")).toBe(names.indexOf("Deal won") - 1);
    expect(names.at(-1)).toBe("No budget");
    expect((await refusal(inTx((tx) => addStage(tx, org.admin, p, { name: "negotiation", semantics: "P", ...plain })))).messageKey).toBe("stages.duplicateName");
  });

  it("renames, recolours and sets days to rot; only administrators", async () => {
    const id = org.stage(1, "EXECUTING").id;
    await inTx((tx) => updateStage(tx, org.admin, id, { name: "Delivery", color: "#ABCDEF", rotDays: 10 }));
    const [row] = await db.select().from(stages).where(eq(stages.id, id));
    expect(row).toMatchObject({ name: "Delivery", color: "#ABCDEF", rotDays: 10 });
    expect((await refusal(inTx((tx) => updateStage(tx, org.seller, id, { name: "X", ...plain })))).messageKey).toBe("errors.forbidden");
  });

  it("reorders stages among their own kind only", async () => {
    const prep = org.stage(1, "PREPARATION").id;
    await inTx((tx) => moveStage(tx, org.admin, prep, "up"));
    expect((await stageNames()).slice(0, 2)).toEqual(["Preparing documents", "New"]);
    const before = await stageNames();
    const last = (await db.select().from(stages).where(and(eq(stages.pipelineId, org.pipelines[1]!.id), eq(stages.name, "Negotiation"))))[0]!;
    await inTx((tx) => moveStage(tx, org.admin, last.id, "down")); // would pass "Deal won": ignored
    expect(await stageNames()).toEqual(before);
  });

  it("deletes a stage after moving its deals, with their history; system stages stay", async () => {
    const doomed = org.stage(1, "FINAL_INVOICE");
    const target = org.stage(1, "WON");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: doomed.id }))));
    const asked = await refusal(inTx((tx) => deleteStage(tx, org.admin, doomed.id, null)));
    expect(asked.messageKey).toBe("stages.chooseTarget");
    expect((await refusal(inTx((tx) => deleteStage(tx, org.admin, doomed.id, org.stage(0, "NEW").id)))).messageKey).toBe("stages.badTarget");
    expect(await inTx((tx) => deleteStage(tx, org.admin, doomed.id, target.id))).toBe(org.pipelines[1]!.id);
    const rows = await db.select().from(deals).where(eq(deals.stageId, target.id));
    expect(rows.map((r) => r.id).sort()).toEqual(ids.sort());
    expect(rows.every((r) => r.closed && r.stageSemantics === "S" && r.version === 2)).toBe(true);
    expect(await db.$count(stageHistory, and(eq(stageHistory.stageId, target.id), eq(stageHistory.typeId, 3)))).toBe(3);
    const [event] = await db.select().from(dealEvents).where(and(eq(dealEvents.dealId, ids[0]!), eq(dealEvents.kind, "updated")));
    expect(event!.changes).toEqual([{ field: "stageId", old: doomed.id, new: target.id }]);
    expect(await db.$count(stages, eq(stages.id, doomed.id))).toBe(0);
    expect((await refusal(inTx((tx) => deleteStage(tx, org.admin, org.stage(1, "NEW").id, null)))).messageKey).toBe("stages.systemStage");
  });

  it("refuses to delete a stage into one whose required fields its deals lack", async () => {
    const doomed = org.stage(1, "PREPAYMENT_INVOICE");
    const target = org.stage(1, "EXECUTING");
    await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: doomed.id })));
    await setRequiredFields(db, org.orgId, target.id, ["companyId"]);
    const error = await refusal(inTx((tx) => deleteStage(tx, org.admin, doomed.id, target.id)));
    expect(error.messageKey).toBe("stages.targetRequires");
    expect(error.vars).toMatchObject({ count: 1 });
    expect(await db.$count(stages, eq(stages.id, doomed.id))).toBe(1);
  });
});

describe("currency rates", () => {
  const admin = () => ({ ...org.admin, org: { baseCurrency: "VND" } });
  it("are set, changed and removed by administrators; the base currency has none", async () => {
    await inTx((tx) => saveCurrencyRates(tx, admin(), { USD: "25400", EUR: "27500.5", VND: "2" }));
    expect((await getCurrencyRates(db, org.orgId)).map((r) => [r.currency, Number(r.rate)])).toEqual([
      ["EUR", 27500.5],
      ["USD", 25400],
    ]);
    await inTx((tx) => saveCurrencyRates(tx, admin(), { USD: "26000", EUR: null }));
    expect((await getCurrencyRates(db, org.orgId)).map((r) => [r.currency, Number(r.rate)])).toEqual([["USD", 26000]]);
    expect((await refusal(inTx((tx) => saveCurrencyRates(tx, { ...org.seller, org: { baseCurrency: "VND" } }, { USD: "1" })))).messageKey).toBe("errors.forbidden");
    expect(await db.$count(currencyRates, eq(currencyRates.orgId, org.orgId))).toBe(1);
  });
});
