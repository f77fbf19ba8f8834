import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createActivity, setActivityCompleted } from "@/lib/activities/service";
import { registerAutomationJobs } from "@/lib/automation/runner";
import { registerTriggerJobs } from "@/lib/automation/triggers/fire";
import { createTrigger, setTriggerEnabled, updateTrigger } from "@/lib/automation/triggers/service";
import type { TriggerInput } from "@/lib/automation/triggers/form";
import { applyFieldChange } from "@/lib/deals/bulk/field-change";
import { createDeal, patchDeal } from "@/lib/deals/service";
import { runDueJobs } from "@/lib/jobs/queue";
import { viewerFor } from "@/lib/permissions/load";
import type { Viewer } from "@/lib/permissions";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  registerAutomationJobs();
  registerTriggerJobs();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await db.delete(s.automationTriggers);
  await db.delete(s.robots);
  await db.delete(s.jobs);
  await setSalesPersonRights({ automation: false, transitions: "any" });
});

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const stage = (code: string) => org.stage(0, code);
const drain = async () => {
  while ((await runDueJobs(db, "test-worker", { limit: 50 })) > 0);
};
const stageOf = async (dealId: number) => (await db.select({ stageId: s.deals.stageId }).from(s.deals).where(eq(s.deals.id, dealId)))[0]!.stageId;
const firingsOf = (dealId: number) => db.select().from(s.automationRuns).where(and(eq(s.automationRuns.dealId, dealId), sql`${s.automationRuns.triggerId} is not null`)).orderBy(s.automationRuns.id);
const detailOf = (run: { detail: string | null }) => JSON.parse(run.detail!) as { key: string; vars?: Record<string, unknown> };

function triggerInput(kind: TriggerInput["kind"], target: string, extra: Partial<TriggerInput> = {}): TriggerInput {
  return { name: `${kind} → ${target}`, kind, stageId: stage(target).id, config: {}, condition: null, allowBackwards: false, ...extra };
}
const trigger = (author: Viewer, input: TriggerInput) => inTx((tx) => createTrigger(tx, author, input));
const newDeal = (title: string, code = "NEW", extra: Partial<Parameters<typeof dealInput>[0]> = {}) =>
  inTx((tx) => createDeal(tx, org.admin, dealInput({ title, stageId: stage(code).id, assignedById: org.seller.id, ...extra })));

/** The default "Sales person" role's rights in the first pipeline, then fresh viewers. */
async function setSalesPersonRights(rights: { automation: boolean; transitions: "any" | "none" | number[] }) {
  await db.execute(sql`
    update role_permissions set settings = settings || ${JSON.stringify(rights)}::jsonb
    where role_id = ${org.roleIds.salesPerson} and pipeline_id = ${org.pipelines[0]!.id}`);
  org.seller = (await viewerFor(db, org.seller.id))!;
}

describe("events detected by the services, from any path", () => {
  it("a field changed (to a value) moves the deal in a job, logged with the trigger; another value does not", async () => {
    const t = await trigger(org.admin, triggerInput("fieldChanged", "PREPARATION", { config: { field: "comments", value: "Khách đã đồng ý" } }));
    const moved = await newDeal("Đồng ý");
    const other = await newDeal("Chưa");
    await inTx((tx) => patchDeal(tx, org.admin, moved, { comments: "khach da dong y" }));
    await inTx((tx) => patchDeal(tx, org.admin, other, { comments: "Khách còn suy nghĩ" }));
    // The request only enqueued: the move happens in the job.
    expect(await stageOf(moved)).toBe(stage("NEW").id);
    await drain();
    expect(await stageOf(moved)).toBe(stage("PREPARATION").id);
    expect(await stageOf(other)).toBe(stage("NEW").id);
    const [run] = await firingsOf(moved);
    expect(run).toMatchObject({ triggerId: t.id, robotId: null, name: t.name, kind: "fieldChanged", stageId: stage("PREPARATION").id, status: "ran" });
    expect(detailOf(run!)).toEqual({ key: "triggers.detail.moved", vars: { from: "New", to: "Preparing documents" } });
    expect(await firingsOf(other)).toEqual([]);
    // Recorded in the deal's history as the trigger's author.
    const [event] = await db.select().from(s.dealEvents).where(and(eq(s.dealEvents.dealId, moved), sql`${s.dealEvents.changes}::text like '%stageId%'`));
    expect(event!.userId).toBe(org.admin.id);
  });

  it("a rolled-back change fires nothing", async () => {
    await trigger(org.admin, triggerInput("fieldChanged", "PREPARATION", { config: { field: "title" } }));
    const deal = await newDeal("Rollback");
    await db
      .transaction(async (tx) => {
        await patchDeal(tx as unknown as Db, org.admin, deal, { title: "Changed" });
        throw new Error("rollback");
      })
      .catch(() => undefined);
    await drain();
    expect(await stageOf(deal)).toBe(stage("NEW").id);
  });

  it("the responsible changed, by a bulk action's set-based path as well as by the form", async () => {
    await trigger(org.admin, triggerInput("responsibleChanged", "EXECUTING"));
    const byForm = await newDeal("By form");
    const byBulk = await newDeal("By bulk");
    await inTx((tx) => patchDeal(tx, org.admin, byForm, { assignedById: org.other.id }));
    const outcome = await inTx((tx) => applyFieldChange(tx, org.admin, { kind: "responsible", assignedById: org.other.id }, [byBulk]));
    expect(outcome.changed).toBe(1);
    await drain();
    expect(await stageOf(byForm)).toBe(stage("EXECUTING").id);
    expect(await stageOf(byBulk)).toBe(stage("EXECUTING").id);
  });

  it("an activity completed, of the chosen type only", async () => {
    await trigger(org.admin, triggerInput("activityCompleted", "PREPAYMENT_INVOICE", { config: { activityType: "call" } }));
    const deal = await newDeal("Calls");
    const planned = (type: "call" | "task") =>
      inTx((tx) => createActivity(tx, org.admin, deal, { type, subject: type, description: null, deadline: new Date(), responsibleId: org.seller.id, direction: null, reminders: [] }));
    const task = await planned("task");
    await inTx((tx) => setActivityCompleted(tx, org.admin, task, true));
    await drain();
    expect(await stageOf(deal)).toBe(stage("NEW").id);
    const call = await planned("call");
    await inTx((tx) => setActivityCompleted(tx, org.admin, call, true));
    await drain();
    expect(await stageOf(deal)).toBe(stage("PREPAYMENT_INVOICE").id);
  });

  it("a switched-off trigger does not fire; a deal already in the stage or in another pipeline is left alone", async () => {
    const off = await trigger(org.admin, triggerInput("fieldChanged", "PREPARATION", { config: { field: "title" } }));
    await inTx((tx) => setTriggerEnabled(tx, org.admin, off.id, false));
    const deal = await newDeal("Off");
    await inTx((tx) => patchDeal(tx, org.admin, deal, { title: "Off!" }));
    const there = await newDeal("There", "PREPARATION");
    await inTx((tx) => setTriggerEnabled(tx, org.admin, off.id, true));
    await inTx((tx) => patchDeal(tx, org.admin, there, { title: "There!" }));
    const elsewhere = await inTx((tx) => createDeal(tx, org.admin, dealInput({ title: "Projects", stageId: org.stage(1, "NEW").id })));
    await inTx((tx) => patchDeal(tx, org.admin, elsewhere, { title: "Projects!" }));
    await drain();
    expect(await stageOf(deal)).toBe(stage("NEW").id);
    expect(await stageOf(there)).toBe(stage("PREPARATION").id);
    expect(await stageOf(elsewhere)).toBe(org.stage(1, "NEW").id);
    expect([...(await firingsOf(deal)), ...(await firingsOf(there)), ...(await firingsOf(elsewhere))]).toEqual([]);
  });
});

describe("what a firing may do", () => {
  it("never moves a deal back, to an earlier stage or out of a final one, unless the trigger allows it", async () => {
    const back = await trigger(org.admin, triggerInput("fieldChanged", "PREPARATION", { config: { field: "title" } }));
    const executing = await newDeal("Executing", "EXECUTING");
    const won = await newDeal("Won", "WON");
    await inTx((tx) => patchDeal(tx, org.admin, executing, { title: "Executing!" }));
    await inTx((tx) => patchDeal(tx, org.admin, won, { title: "Won!" }));
    await drain();
    expect(await stageOf(executing)).toBe(stage("EXECUTING").id);
    expect(await stageOf(won)).toBe(stage("WON").id);
    const [refused] = await firingsOf(executing);
    expect(refused!.status).toBe("skipped");
    expect(detailOf(refused!)).toEqual({ key: "triggers.detail.backwards", vars: { from: "In progress", to: "Preparing documents" } });
    expect(detailOf((await firingsOf(won))[0]!).key).toBe("triggers.detail.backwards");

    await inTx((tx) => updateTrigger(tx, org.admin, back.id, { ...triggerInput("fieldChanged", "PREPARATION", { config: { field: "title" } }), allowBackwards: true }));
    await inTx((tx) => patchDeal(tx, org.admin, executing, { title: "Executing again" }));
    await drain();
    expect(await stageOf(executing)).toBe(stage("PREPARATION").id);
  });

  it("a condition that fails is logged as skipped, with the comparison", async () => {
    await trigger(org.admin, triggerInput("fieldChanged", "PREPARATION", { config: { field: "title" }, condition: { op: "and", items: [{ field: "amount", cmp: "gte", value: "1000000" }] } }));
    const small = await newDeal("Small", "NEW", { amount: "500000" });
    const large = await newDeal("Large", "NEW", { amount: "2000000" });
    await inTx((tx) => patchDeal(tx, org.admin, small, { title: "Small!" }));
    await inTx((tx) => patchDeal(tx, org.admin, large, { title: "Large!" }));
    await drain();
    expect(await stageOf(large)).toBe(stage("PREPARATION").id);
    expect(await stageOf(small)).toBe(stage("NEW").id);
    const [skipped] = await firingsOf(small);
    expect(skipped!.status).toBe("skipped");
    expect(detailOf(skipped!)).toEqual({ key: "triggers.detail.conditionFailed", vars: { field: "amount", cmp: "gte", value: "1000000" } });
  });

  it("the author's permissions: needed to save (automation right, the move into the stage), and again when it fires", async () => {
    // No automation right in the pipeline: refused.
    expect((await refusal(trigger(org.seller, triggerInput("fieldChanged", "PREPARATION", { config: { field: "title" } })))).code).toBe("forbidden");
    // The right, but the role may move deals only to "Executing": a trigger to "Preparation" is refused on its stage.
    await setSalesPersonRights({ automation: true, transitions: [stage("EXECUTING").id] });
    const mayNot = await refusal(trigger(org.seller, triggerInput("fieldChanged", "PREPARATION", { config: { field: "title" } })));
    expect(mayNot.fieldErrors).toEqual({ stageId: "triggers.errors.mayNotMove" });
    const saved = await trigger(org.seller, triggerInput("fieldChanged", "EXECUTING", { config: { field: "title" } }));
    expect(saved.authorId).toBe(org.seller.id);

    // Later the role loses that transition: the firing is refused as the author and logged as failed.
    await setSalesPersonRights({ automation: true, transitions: "none" });
    const deal = await newDeal("Seller's deal");
    await inTx((tx) => patchDeal(tx, org.admin, deal, { title: "Seller's deal!" }));
    await drain();
    expect(await stageOf(deal)).toBe(stage("NEW").id);
    const [failed] = await firingsOf(deal);
    expect(failed!.status).toBe("failed");
    expect(detailOf(failed!).key).toBe("errors.transitionForbidden");

    // A deactivated author: failed too, whatever their role says.
    await setSalesPersonRights({ automation: true, transitions: "any" });
    await db.update(s.users).set({ active: false }).where(eq(s.users.id, org.seller.id));
    await inTx((tx) => patchDeal(tx, org.admin, deal, { title: "Seller's deal again" }));
    await drain();
    await db.update(s.users).set({ active: true }).where(eq(s.users.id, org.seller.id));
    expect(await stageOf(deal)).toBe(stage("NEW").id);
    expect(detailOf((await firingsOf(deal)).at(-1)!).key).toBe("triggers.detail.authorInactive");
  });

  it("refuses a watched field or a condition on a field the author may not name", async () => {
    const unknown = await refusal(trigger(org.admin, triggerInput("fieldChanged", "PREPARATION", { config: { field: "uf.UF_CRM_NOPE" } })));
    expect(unknown.fieldErrors).toEqual({ field: "triggers.errors.unknownField" });
    const condition = await refusal(trigger(org.admin, triggerInput("webForm", "PREPARATION", { condition: { op: "and", items: [{ field: "title", cmp: "eq", value: "x" }, { field: "password", cmp: "empty" }] } })));
    expect(condition.fieldErrors).toEqual({ condField2: "triggers.errors.unknownField" });
    const otherOrgStage = await refusal(trigger(org.admin, { ...triggerInput("webForm", "PREPARATION"), stageId: 2_000_000 }));
    expect(otherOrgStage.fieldErrors).toEqual({ stageId: "errors.unknownOption" });
  });

  it("a trigger's move starts the entered stage's robots one level deeper, so a trigger–robot loop stops", async () => {
    // The responsible changes → the trigger moves the deal to Preparation → its robots move it back
    // to New and hand it to someone else (kept although the deal left) → the trigger fires again…
    await trigger(org.admin, triggerInput("responsibleChanged", "PREPARATION", { allowBackwards: true }));
    const robot = (name: string, kind: string, config: Record<string, unknown>, sort: number) =>
      db.insert(s.robots).values({ orgId: org.orgId, pipelineId: org.pipelines[0]!.id, stageId: stage("PREPARATION").id, name, kind, config, sort, keepOnLeave: true, authorId: org.admin.id });
    await robot("back to new", "setStage", { stageId: stage("NEW").id }, 1);
    await robot("hand over", "setResponsible", { mode: "roundRobin", userIds: [org.seller.id, org.other.id] }, 2);
    const deal = await newDeal("Loop");
    await inTx((tx) => patchDeal(tx, org.admin, deal, { assignedById: org.other.id }));
    await drain();
    const firings = await firingsOf(deal);
    const robotRuns = await db.select().from(s.automationRuns).where(and(eq(s.automationRuns.dealId, deal), sql`${s.automationRuns.robotId} is not null`));
    const stopped = [...firings, ...robotRuns].filter((r) => r.detail && /detail\.loop/.test(r.detail));
    expect(stopped.length).toBeGreaterThan(0);
    expect(firings.filter((f) => f.status === "ran").length).toBeLessThanOrEqual(10);
    expect(Math.max(...firings.map((f) => f.depth))).toBeLessThanOrEqual(10);
  });
});
