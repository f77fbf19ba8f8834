import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals } from "@/db/schema";
import { applyBulk } from "@/lib/deals/bulk/apply";
import { moveDeals } from "@/lib/deals/move";
import { setRequiredFields } from "@/lib/deals/required/service";
import { isMissing } from "@/lib/deals/required/rule";
import { createDeal, currentInput, patchDeal, updateDeal } from "@/lib/deals/service";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  // In the "Sales" pipeline: an invoice needs an amount and a company; a won deal a source too.
  await setRequiredFields(db, org.orgId, org.stage(0, "PREPAYMENT_INVOICE").id, ["amount", "companyId", "bogus"]);
  await setRequiredFields(db, org.orgId, org.stage(0, "WON").id, ["sourceId"]);
});
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const invoice = () => org.stage(0, "PREPAYMENT_INVOICE").id;

describe("fields required at a stage", () => {
  it("knows what counts as missing", () => {
    const blank = { amount: "0.00", companyId: null, contactIds: [], sourceId: null, typeId: null, probability: null, sourceDescription: null, comments: null };
    expect(isMissing("amount", blank)).toBe(true);
    expect(isMissing("amount", { ...blank, amount: "0.5" })).toBe(false);
    expect(isMissing("contactIds", { ...blank, contactIds: [3] })).toBe(false);
    expect(isMissing("probability", { ...blank, probability: 0 })).toBe(false);
  });

  it("refuse creating a deal in the stage without them, naming exactly the missing ones", async () => {
    const error = await refusal(inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: invoice(), amount: "5" }))));
    expect(error.messageKey).toBe("errors.requiredAtStage");
    expect(Object.keys(error.fieldErrors!)).toEqual(["companyId"]);
    await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: invoice(), amount: "5", companyId: org.company.id })));
  });

  it("refuse a move from the board and from the form until filled in; then the move goes through", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id })));
    const onBoard = await refusal(inTx((tx) => moveDeals(tx, org.admin, [id], { stageId: invoice(), afterId: null })));
    expect(Object.keys(onBoard.fieldErrors!)).toEqual(["amount", "companyId"]);
    const { input, version } = await currentInput(db, org.admin, id);
    const inForm = await refusal(inTx((tx) => updateDeal(tx, org.admin, id, version, { ...input, stageId: invoice(), amount: "100" })));
    expect(Object.keys(inForm.fieldErrors!)).toEqual(["companyId"]);
    await inTx(async (tx) => {
      await patchDeal(tx, org.admin, id, { amount: "100", currency: "VND", companyId: org.company.id });
      await moveDeals(tx, org.admin, [id], { stageId: invoice(), afterId: null });
    });
    const [deal] = await db.select().from(deals).where(eq(deals.id, id));
    expect(deal).toMatchObject({ stageId: invoice(), amount: "100.00", companyId: org.company.id });
  });

  it("let a deal in the stage be edited, but not have a required field emptied", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: invoice(), amount: "7", companyId: org.company.id })));
    await inTx((tx) => patchDeal(tx, org.admin, id, { title: "Renamed" }));
    const error = await refusal(inTx((tx) => patchDeal(tx, org.admin, id, { companyId: null })));
    expect(Object.keys(error.fieldErrors!)).toEqual(["companyId"]);
  });

  it("refuse without asking for an amount the viewer's role hides (they could not fill it in)", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id })));
    const pipelineId = org.pipelines[0]!.id;
    const hidden = { ...org.admin, access: { ...org.admin.access, superuser: false, pipelines: { [pipelineId]: { ...org.seller.access.pipelines[pipelineId]!, hideAmounts: true } } } };
    const error = await refusal(inTx((tx) => moveDeals(tx, hidden, [id], { stageId: invoice(), afterId: null })));
    expect(error.messageKey).toBe("errors.requiredHidden");
    expect(error.fieldErrors).toBeUndefined();
  });

  it("refuse a bulk stage change deal by deal, saying which stage wants more", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id })));
    const result = await inTx((tx) => applyBulk(tx, org.admin, { kind: "stage", stageId: org.stage(0, "WON").id }, [id]));
    expect(result.refused).toEqual([{ id, title: `Deal #${id}`, reason: "errors.requiredAtStage", vars: { stage: "Deal won" } }]);
  });
});
