import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealContacts, dealEvents, deals, stageHistory, users } from "@/db/schema";
import { createDeal, deleteDeal, updateDeal } from "@/lib/deals/service";
import { getDealCard } from "@/lib/deals/queries";
import { addDays, todayIn } from "@/lib/i18n/format";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);

describe("createDeal", () => {
  it("applies the reference's defaults and writes history in the same transaction", async () => {
    const id = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, amount: "1500000" })));
    const [deal] = await db.select().from(deals).where(eq(deals.id, id));
    const today = todayIn("Asia/Ho_Chi_Minh");
    expect(deal).toMatchObject({ title: `Deal #${id}`, assignedById: org.seller.id, createdById: org.seller.id, beginDate: today, closeDate: addDays(today, 7), opened: true, stageSemantics: "P", closed: false, amount: "1500000.00", version: 1 });
    expect(await db.select().from(stageHistory).where(eq(stageHistory.dealId, id))).toMatchObject([{ typeId: 1, stageId: org.stage(0, "NEW").id }]);
    expect(await db.select().from(dealEvents).where(eq(dealEvents.dealId, id))).toMatchObject([{ kind: "created", userId: org.seller.id }]);
  });

  it("links contacts in order, the first as primary", async () => {
    const [a, b] = org.contacts;
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id, contactIds: [b!.id, a!.id] })));
    const links = await db.select().from(dealContacts).where(eq(dealContacts.dealId, id)).orderBy(asc(dealContacts.sort));
    expect(links.map((l) => [l.contactId, l.isPrimary])).toEqual([
      [b!.id, true],
      [a!.id, false],
    ]);
  });

  it("refuses ids from another org and writes nothing", async () => {
    const stranger = await makeOrg(db, "Other org");
    const before = await db.$count(deals);
    const error = await refusal(inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: stranger.pipelines[0]!.stages[0]!.id, companyId: stranger.company.id }))));
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["companyId", "stageId"]);
    expect(await db.$count(deals)).toBe(before);
  });

  it("refuses to let a sales person create a private deal for someone else", async () => {
    const error = await refusal(inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.other.id, opened: false }))));
    expect(error.code).toBe("forbidden");
  });
});

describe("updateDeal", () => {
  it("records old → new for each changed field and a stage history row", async () => {
    const id = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, title: "Laptops", amount: "100" })));
    await inTx((tx) => updateDeal(tx, org.seller, id, 1, dealInput({ stageId: org.stage(0, "EXECUTING").id, title: "Laptops x20", amount: "100", contactIds: [org.contacts[0]!.id] })));
    const [deal] = await db.select().from(deals).where(eq(deals.id, id));
    expect(deal).toMatchObject({ version: 2, title: "Laptops x20", stageId: org.stage(0, "EXECUTING").id, modifiedById: org.seller.id });
    const [updated] = await db.select().from(dealEvents).where(and(eq(dealEvents.dealId, id), eq(dealEvents.kind, "updated")));
    expect(updated!.changes).toEqual([
      { field: "title", old: "Laptops", new: "Laptops x20" },
      { field: "stageId", old: org.stage(0, "NEW").id, new: org.stage(0, "EXECUTING").id },
      { field: "contactIds", old: [], new: [org.contacts[0]!.id] },
    ]);
    const history = await db.select().from(stageHistory).where(eq(stageHistory.dealId, id)).orderBy(asc(stageHistory.id));
    expect(history.map((h) => h.typeId)).toEqual([1, 2]);
  });

  it("marks a move to a final stage (type 3) and to another pipeline (type 5), closing won deals", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id })));
    await inTx((tx) => updateDeal(tx, org.admin, id, 1, dealInput({ stageId: org.stage(0, "WON").id })));
    expect((await db.select().from(deals).where(eq(deals.id, id)))[0]).toMatchObject({ closed: true, stageSemantics: "S" });
    await inTx((tx) => updateDeal(tx, org.admin, id, 2, dealInput({ stageId: org.stage(1, "NEW").id })));
    const history = await db.select().from(stageHistory).where(eq(stageHistory.dealId, id)).orderBy(asc(stageHistory.id));
    expect(history.map((h) => h.typeId)).toEqual([1, 3, 5]);
    expect((await db.select().from(deals).where(eq(deals.id, id)))[0]).toMatchObject({ pipelineId: org.pipelines[1]!.id, closed: false });
  });

  it("refuses a stale version, naming who changed it, and changes nothing", async () => {
    const id = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, title: "Original" })));
    await inTx((tx) => updateDeal(tx, org.admin, id, 1, dealInput({ stageId: org.stage(0, "NEW").id, title: "Admin's edit" })));
    const error = await refusal(inTx((tx) => updateDeal(tx, org.seller, id, 1, dealInput({ stageId: org.stage(0, "NEW").id, title: "Seller's edit" }))));
    expect(error.code).toBe("stale");
    expect(error.vars?.name).toBe("admin");
    expect((await db.select().from(deals).where(eq(deals.id, id)))[0]).toMatchObject({ title: "Admin's edit", version: 2 });
  });

  it("does not bump the version or write history when nothing changed", async () => {
    const input = dealInput({ stageId: org.stage(0, "NEW").id, title: "Same" });
    const id = await inTx((tx) => createDeal(tx, org.seller, input));
    expect(await inTx((tx) => updateDeal(tx, org.seller, id, 1, input))).toEqual({ changed: false });
    expect((await db.select().from(deals).where(eq(deals.id, id)))[0]!.version).toBe(1);
  });

  it("answers 'not found' for a deal the viewer may not read, 'forbidden' for one they may only read", async () => {
    const hidden = await inTx((tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "NEW").id, opened: false })));
    expect((await refusal(inTx((tx) => updateDeal(tx, org.seller, hidden, 1, dealInput({ stageId: org.stage(0, "NEW").id }))))).code).toBe("notFound");
    expect(await getDealCard(db, org.seller, hidden)).toBeNull();
    expect(await getDealCard(db, org.admin, hidden)).not.toBeNull();
  });
});

describe("the takeover rule", () => {
  it("lets a sales person edit a colleague's open deal but not take it over or hide it", async () => {
    const id = await inTx((tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "NEW").id, title: "Open to all", opened: true })));
    await inTx((tx) => updateDeal(tx, org.seller, id, 1, dealInput({ stageId: org.stage(0, "NEW").id, title: "Open to all (typo fixed)", opened: true })));
    const takeOver = await refusal(inTx((tx) => updateDeal(tx, org.seller, id, 2, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.seller.id, opened: true }))));
    expect(takeOver).toMatchObject({ code: "forbidden", messageKey: "errors.takeOverForbidden" });
    const hide = await refusal(inTx((tx) => updateDeal(tx, org.seller, id, 2, dealInput({ stageId: org.stage(0, "NEW").id, opened: false }))));
    expect(hide.messageKey).toBe("errors.takeOverForbidden");
    // His own deal he may hand over.
    const own = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id })));
    await inTx((tx) => updateDeal(tx, org.seller, own, 1, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.other.id })));
  });

  it("keeps a responsible who has left when the deal is edited, but refuses giving new deals to them", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.other.id })));
    await db.update(users).set({ active: false }).where(eq(users.id, org.other.id));
    try {
      await inTx((tx) => updateDeal(tx, org.admin, id, 1, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.other.id, title: "edited" })));
      const error = await refusal(inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, assignedById: org.other.id }))));
      expect(error.fieldErrors).toEqual({ assignedById: "errors.unknownOption" });
    } finally {
      await db.update(users).set({ active: true }).where(eq(users.id, org.other.id));
    }
  });
});

describe("deleteDeal", () => {
  it("removes the deal and leaves a 'deleted' event as an audit record", async () => {
    const id = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, title: "To delete" })));
    await inTx((tx) => deleteDeal(tx, org.seller, id, 1));
    expect(await db.select().from(deals).where(eq(deals.id, id))).toEqual([]);
    const events = await db.select().from(dealEvents).where(eq(dealEvents.dealId, id)).orderBy(asc(dealEvents.id));
    expect(events.map((e) => e.kind)).toEqual(["created", "deleted"]);
    expect(events[1]!.changes).toEqual([{ field: "title", old: "To delete", new: null }]);
  });

  it("refuses other people's private deals", async () => {
    const id = await inTx((tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "NEW").id, opened: false })));
    expect((await refusal(inTx((tx) => deleteDeal(tx, org.seller, id)))).code).toBe("notFound");
    expect(await db.$count(deals, eq(deals.id, id))).toBe(1);
  });
});
