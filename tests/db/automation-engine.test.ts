import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { registerAutomationJobs } from "@/lib/automation/runner";
import { MAX_DEPTH } from "@/lib/automation/depth";
import { signBody } from "@/lib/automation/executors/webhook";
import { moveDeals } from "@/lib/deals/move";
import { createDeal, updateDeal } from "@/lib/deals/service";
import { createCustomField } from "@/lib/fields/service";
import { runDueJobs } from "@/lib/jobs/queue";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  registerAutomationJobs();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await db.delete(s.robots);
  await db.delete(s.jobs);
});

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const stage = (code: string) => org.stage(0, code);

async function robot(stageCode: string, kind: string, config: Record<string, unknown>, extra: Partial<typeof s.robots.$inferInsert> = {}) {
  const [row] = await db
    .insert(s.robots)
    .values({ orgId: org.orgId, pipelineId: org.pipelines[0]!.id, stageId: stage(stageCode).id, name: `${kind} robot`, kind, config, authorId: org.admin.id, ...extra })
    .returning();
  return row!;
}

async function newDeal(title = "Automated deal", overrides: Parameters<typeof dealInput>[0] = { stageId: stage("NEW").id }) {
  return inTx((tx) => createDeal(tx, org.admin, dealInput({ title, assignedById: org.seller.id, ...overrides })));
}

async function customField(label: string, type: "date" | "string") {
  const id = await inTx((tx) => createCustomField(tx, org.admin, fieldInput({ label, type })));
  const [field] = await db.select().from(s.customFields).where(eq(s.customFields.id, id));
  return field!;
}

const moveTo = (dealId: number, code: string) => inTx((tx) => moveDeals(tx, org.admin, [dealId], { stageId: stage(code).id, afterId: null }));
const drain = async () => {
  while ((await runDueJobs(db, "test-worker", { limit: 50 })) > 0);
};
const runsOf = (dealId: number) => db.select().from(s.automationRuns).where(eq(s.automationRuns.dealId, dealId)).orderBy(s.automationRuns.id);
const detailOf = (run: { detail: string | null }) => (run.detail ? (JSON.parse(run.detail) as { key: string; vars?: Record<string, unknown> }) : null);

describe("the stage change's outbox", () => {
  it("writes a run per robot of the entered stage in the move's own transaction; a rolled-back move writes none", async () => {
    await robot("PREPARATION", "comment", { text: "Bắt đầu chuẩn bị" });
    await robot("PREPARATION", "task", { subject: "Gọi khách", description: "", assignee: { who: "responsible" }, deadlineIn: { amount: 1, unit: "days" } });
    const kept = await newDeal();
    const rolledBack = await newDeal();
    await moveTo(kept, "PREPARATION");
    await db
      .transaction(async (tx) => {
        await moveDeals(tx as unknown as Db, org.admin, [rolledBack], { stageId: stage("PREPARATION").id, afterId: null });
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect((await runsOf(kept)).map((r) => [r.kind, r.status])).toEqual([
      ["comment", "pending"],
      ["task", "pending"],
    ]);
    expect(await runsOf(rolledBack)).toEqual([]);
    await drain();
    expect((await runsOf(kept)).map((r) => r.status)).toEqual(["ran", "ran"]);
    const [task] = await db.select().from(s.activities).where(eq(s.activities.dealId, kept));
    expect(task).toMatchObject({ type: "task", subject: "Gọi khách", responsibleId: org.seller.id });
    const comments = await db.select().from(s.dealEvents).where(and(eq(s.dealEvents.dealId, kept), eq(s.dealEvents.kind, "comment")));
    expect(comments.map((c) => c.body)).toEqual(["Bắt đầu chuẩn bị"]);
  });

  it("fires for a deal created in the stage and for one moved there by the form", async () => {
    await robot("PREPARATION", "comment", { text: "hello" });
    const created = await newDeal("Created there", { stageId: stage("PREPARATION").id });
    const edited = await newDeal();
    await inTx((tx) => updateDeal(tx, org.admin, edited, 1, dealInput({ title: "Edited", assignedById: org.seller.id, stageId: stage("PREPARATION").id })));
    await drain();
    expect((await runsOf(created)).map((r) => r.status)).toEqual(["ran"]);
    expect((await runsOf(edited)).map((r) => r.status)).toEqual(["ran"]);
  });
});

describe("timing and leaving the stage", () => {
  it("a delayed robot waits with its due time, and is cancelled when the deal leaves the stage first unless it is kept", async () => {
    await robot("PREPARATION", "comment", { text: "later" }, { timing: { mode: "after", delay: { amount: 1, unit: "days" } } });
    await robot("PREPARATION", "comment", { text: "kept" }, { timing: { mode: "after", delay: { amount: 1, unit: "days" } }, keepOnLeave: true, sort: 200 });
    const deal = await newDeal();
    await moveTo(deal, "PREPARATION");
    await drain();
    const [later, kept] = await runsOf(deal);
    expect(later!.status).toBe("pending");
    expect(later!.dueAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    await moveTo(deal, "EXECUTING");
    const after = await runsOf(deal);
    expect(after.map((r) => r.status)).toEqual(["cancelled", "pending"]);
    expect(detailOf(after[0]!)?.key).toBe("automation.detail.leftStage");
    // The day passes: the kept robot runs although the deal is elsewhere; the cancelled one does nothing.
    await db.update(s.jobs).set({ runAt: new Date(Date.now() - 1000) });
    await db.update(s.automationRuns).set({ dueAt: new Date(Date.now() - 1000) }).where(eq(s.automationRuns.dealId, deal));
    await drain();
    expect((await runsOf(deal)).map((r) => r.status)).toEqual(["cancelled", "ran"]);
  });

  it("a robot after the previous one waits for it, then runs", async () => {
    await robot("PREPARATION", "comment", { text: "first" }, { timing: { mode: "after", delay: { amount: 2, unit: "hours" } } });
    await robot("PREPARATION", "comment", { text: "second" }, { timing: { mode: "now", afterPrevious: true }, sort: 200 });
    const deal = await newDeal();
    await moveTo(deal, "PREPARATION");
    await drain();
    expect((await runsOf(deal)).map((r) => r.status)).toEqual(["pending", "waiting"]);
    await db.update(s.jobs).set({ runAt: new Date(Date.now() - 1000) });
    await drain();
    expect((await runsOf(deal)).map((r) => r.status)).toEqual(["ran", "ran"]);
  });

  it("a robot relative to an empty date field is skipped with the reason", async () => {
    const field = await customField("Ngày hẹn", "date");
    await robot("PREPARATION", "comment", { text: "x" }, { timing: { mode: "dateField", field: `uf.${field.code}`, direction: "before", delay: { amount: 2, unit: "days" } } });
    const deal = await newDeal();
    await moveTo(deal, "PREPARATION");
    await drain();
    const [run] = await runsOf(deal);
    expect([run!.status, detailOf(run!)?.key]).toEqual(["skipped", "automation.detail.dateFieldEmpty"]);
  });
});

describe("conditions, authors and loops", () => {
  it("skips a robot whose condition fails, naming the comparison; runs it when it holds", async () => {
    await robot("PREPARATION", "comment", { text: "big deal" }, { condition: { op: "and", items: [{ field: "amount", cmp: "gte", value: "1000000" }] } });
    const small = await newDeal("Small", { stageId: stage("NEW").id, amount: "999999.99" });
    const big = await newDeal("Big", { stageId: stage("NEW").id, amount: "1000000" });
    await moveTo(small, "PREPARATION");
    await moveTo(big, "PREPARATION");
    await drain();
    const [skipped] = await runsOf(small);
    expect(skipped!.status).toBe("skipped");
    expect(detailOf(skipped!)).toEqual({ key: "automation.detail.conditionFailed", vars: { field: "amount", cmp: "gte", value: "1000000" } });
    expect((await runsOf(big)).map((r) => r.status)).toEqual(["ran"]);
  });

  it("acts with its author's permissions, checked again when it runs", async () => {
    // The seller authored it; the deal belongs to someone outside the seller's reach and is not open to all.
    await robot("PREPARATION", "comment", { text: "peek" }, { authorId: org.seller.id });
    const hidden = await inTx((tx) => createDeal(tx, org.admin, dealInput({ title: "Hidden", assignedById: org.other.id, opened: false, stageId: stage("NEW").id })));
    await moveTo(hidden, "PREPARATION");
    await drain();
    const [run] = await runsOf(hidden);
    expect([run!.status, detailOf(run!)?.key]).toEqual(["failed", "automation.detail.authorCannotRead"]);
    expect(await db.select().from(s.dealEvents).where(and(eq(s.dealEvents.dealId, hidden), eq(s.dealEvents.kind, "comment")))).toEqual([]);
  });

  it("stops robots that move a deal back and forth after a bounded depth, with a log entry", async () => {
    await robot("PREPARATION", "setStage", { stageId: stage("EXECUTING").id });
    await robot("EXECUTING", "setStage", { stageId: stage("PREPARATION").id });
    const deal = await newDeal();
    await moveTo(deal, "PREPARATION");
    await drain();
    const runs = await runsOf(deal);
    expect(runs.filter((r) => r.status === "ran").length).toBe(MAX_DEPTH + 1);
    const last = runs.at(-1)!;
    expect([last.status, detailOf(last)?.key]).toEqual(["skipped", "automation.detail.loop"]);
  });

  it("logs a refusal of the deal service as failed with its reason, and undoes nothing else", async () => {
    await robot("PREPARATION", "setFields", { values: { probability: "150" } });
    await robot("PREPARATION", "comment", { text: "after the failure" }, { sort: 200 });
    const deal = await newDeal();
    await moveTo(deal, "PREPARATION");
    await drain();
    const [failed, ran] = await runsOf(deal);
    expect(failed!.status).toBe("failed");
    expect(detailOf(failed!)?.key).toBe("automationRun.badValue");
    expect(ran!.status).toBe("ran");
  });

  it("sets custom fields through their own schema", async () => {
    const field = await customField("Hạng khách", "string");
    await robot("PREPARATION", "setFields", { values: { [`uf.${field.code}`]: "VIP", title: "Renamed by robot" } });
    const deal = await newDeal();
    await moveTo(deal, "PREPARATION");
    await drain();
    const [row] = await db.select({ title: s.deals.title, custom: s.deals.custom }).from(s.deals).where(eq(s.deals.id, deal));
    expect(row).toEqual({ title: "Renamed by robot", custom: { [field.code]: "VIP" } });
  });
});

describe("many deals at once", () => {
  it("does the queued entries of a stage in one turn, one robot for all its deals, each deal as it would be alone", async () => {
    await robot("PREPARATION", "comment", { text: "Chào mừng" });
    await robot("PREPARATION", "task", { subject: "Gọi lại", description: "", assignee: { who: "responsible" }, deadlineIn: { amount: 2, unit: "hours" } });
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await newDeal(`Batch ${i}`, { stageId: stage("NEW").id, assignedById: i === 5 ? org.other.id : org.seller.id }));
    // The task for this deal is refused (its responsible left): the robot's batch is refused and each deal goes on its own.
    await db.update(s.users).set({ active: false }).where(eq(s.users.id, org.other.id));
    for (const id of ids) await moveTo(id, "PREPARATION");
    expect(await db.select().from(s.jobs).where(and(eq(s.jobs.type, "automation.stage"), eq(s.jobs.status, "queued")))).toHaveLength(12);
    const ran = await runDueJobs(db, "test-worker", { limit: 1 });
    await db.update(s.users).set({ active: true }).where(eq(s.users.id, org.other.id));
    expect(ran).toBe(1);
    const stageJobs = await db.select().from(s.jobs).where(eq(s.jobs.type, "automation.stage"));
    expect(stageJobs.map((j) => j.status)).toEqual(Array(12).fill("done"));
    const first = stageJobs.find((j) => j.result === null)!;
    expect(stageJobs.filter((j) => j !== first).map((j) => j.result)).toEqual(Array(11).fill({ doneBy: first.id }));
    for (const id of ids) {
      const runs = (await runsOf(id)).map((r) => [r.kind, r.status, detailOf(r)?.key]);
      expect(runs).toEqual([
        ["comment", "ran", "automationRun.commented"],
        id === ids[5] ? ["task", "failed", "automationRun.employeeInactive"] : ["task", "ran", "automationRun.taskCreated"],
      ]);
    }
    const tasks = await db.select({ dealId: s.activities.dealId, subject: s.activities.subject, responsibleId: s.activities.responsibleId }).from(s.activities).where(eq(s.activities.subject, "Gọi lại"));
    expect(tasks.map((t) => t.dealId).sort((a, b) => a - b)).toEqual(ids.filter((id) => id !== ids[5]));
    expect(new Set(tasks.map((t) => t.responsibleId))).toEqual(new Set([org.seller.id]));
    const comments = await db.select({ dealId: s.dealEvents.dealId }).from(s.dealEvents).where(and(eq(s.dealEvents.kind, "comment"), eq(s.dealEvents.body, "Chào mừng")));
    expect(comments.map((c) => c.dealId).sort((a, b) => a - b)).toEqual(ids);
    const reminders = await db.select().from(s.jobs).where(eq(s.jobs.type, "activity.reminder"));
    expect(reminders.filter((j) => j.status === "queued")).toHaveLength(11);
  });

  it("gives a job's taken-over entries back to the queue when its turn fails", async () => {
    await robot("PREPARATION", "comment", { text: "x" });
    const a = await newDeal("A");
    const b = await newDeal("B");
    await moveTo(a, "PREPARATION");
    await moveTo(b, "PREPARATION");
    await db
      .transaction(async (tx) => {
        const [own] = await tx.select().from(s.jobs).where(eq(s.jobs.type, "automation.stage")).orderBy(s.jobs.id).limit(1);
        const { absorbQueuedJobs } = await import("@/lib/jobs/queue");
        const taken = await absorbQueuedJobs(tx as unknown as Db, own!.id, "automation.stage", org.orgId, sql`true`, 10);
        expect(taken.length).toBe(2);
        throw new Error("the turn failed");
      })
      .catch(() => undefined);
    expect((await db.select().from(s.jobs).where(eq(s.jobs.type, "automation.stage"))).map((j) => j.status)).toEqual(["queued", "queued"]);
    await drain();
    expect([...(await runsOf(a)), ...(await runsOf(b))].map((r) => r.status)).toEqual(["ran", "ran"]);
  });
});

describe("the webhook robot", () => {
  let server: Server;
  let url = "";
  const received: { body: string; headers: Record<string, unknown> }[] = [];
  let answer = 200;
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push({ body, headers: request.headers });
        response.statusCode = answer;
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("posts the deal signed with HMAC-SHA256; a private address is refused unless allowed; a 500 fails the run", async () => {
    await robot("PREPARATION", "webhook", { url, secret: "s3cret" });
    const refused = await newDeal();
    await moveTo(refused, "PREPARATION");
    await drain();
    expect(detailOf((await runsOf(refused))[0]!)?.key).toBe("automationRun.webhookPrivate");
    expect(received).toEqual([]);

    process.env.AUTOMATION_ALLOW_PRIVATE_URLS = "1";
    try {
      const sent = await newDeal("Hooked");
      await moveTo(sent, "PREPARATION");
      await drain();
      expect((await runsOf(sent))[0]!.status).toBe("ran");
      const [hit] = received;
      expect(hit!.headers["x-crm-signature"]).toBe(signBody("s3cret", hit!.body));
      expect(JSON.parse(hit!.body).deal).toMatchObject({ ID: sent, TITLE: "Hooked" });
      answer = 500;
      const failing = await newDeal("Failing");
      await moveTo(failing, "PREPARATION");
      await drain();
      const [run] = await runsOf(failing);
      expect([run!.status, detailOf(run!)]).toEqual(["failed", { key: "automationRun.webhookStatus", vars: { status: 500 } }]);
    } finally {
      delete process.env.AUTOMATION_ALLOW_PRIVATE_URLS;
    }
  });
});

it("a stage's deletion fires the robots of the stage its deals go to, set-based", async () => {
  await robot("EXECUTING", "comment", { text: "moved by deletion" });
  const deals = [await newDeal("D1"), await newDeal("D2")];
  for (const id of deals) await moveTo(id, "FINAL_INVOICE");
  const { deleteStage } = await import("@/lib/pipelines/stages");
  await inTx((tx) => deleteStage(tx, org.admin, stage("FINAL_INVOICE").id, stage("EXECUTING").id));
  await drain();
  for (const id of deals) expect((await runsOf(id)).map((r) => r.status)).toEqual(["ran"]);
  expect(await db.execute(sql`select 1`)).toBeTruthy();
});

describe("the document robot and the invoice-paid trigger", () => {
  it("makes an invoice and e-mails it to the client; a client without an e-mail fails the run and makes nothing; paying it in full moves the deal", async () => {
    const { recordPayment } = await import("@/lib/documents/service");
    (await import("@/lib/automation/triggers/fire")).registerTriggerJobs();
    (await import("@/lib/messaging/send-job")).registerMessageJob();
    await db.update(s.companies).set({ emails: [{ value: "ketoan@saomai.vn", kind: "WORK" }] }).where(eq(s.companies.id, org.company.id));
    await robot("PREPARATION", "document", { documentKind: "invoice", send: true });
    const withEmail = await newDeal("Invoice robot", { stageId: stage("NEW").id, companyId: org.company.id, amount: "2000000" });
    await moveTo(withEmail, "PREPARATION");
    await drain();
    expect((await runsOf(withEmail)).map((r) => [r.kind, r.status, detailOf(r)?.key])).toEqual([["document", "ran", "automationRun.documentSent"]]);
    const [invoice] = await db.select().from(s.documents).where(eq(s.documents.dealId, withEmail));
    expect(invoice).toMatchObject({ kind: "invoice", status: "sent", buyerEmail: "ketoan@saomai.vn" });
    const [mail] = await db.select().from(s.messages).where(eq(s.messages.dealId, withEmail));
    expect(mail).toMatchObject({ recipient: "ketoan@saomai.vn", status: "sent", transport: "outbox", meta: expect.objectContaining({ attachment: { kind: "document", documentId: invoice!.id, locale: "vi" } }) });

    const contactOnly = await newDeal("No e-mail", { stageId: stage("NEW").id, contactIds: [org.contacts[1]!.id], amount: "1000" });
    await moveTo(contactOnly, "PREPARATION");
    await drain();
    expect((await runsOf(contactOnly)).map((r) => [r.status, detailOf(r)?.key])).toEqual([["failed", "automationRun.noClientEmail"]]);
    expect(await db.select().from(s.documents).where(eq(s.documents.dealId, contactOnly))).toEqual([]);

    await db.insert(s.automationTriggers).values({ orgId: org.orgId, pipelineId: org.pipelines[0]!.id, stageId: stage("EXECUTING").id, kind: "invoicePaid", name: "Paid", config: {}, authorId: org.admin.id });
    await inTx((tx) => recordPayment(tx, org.admin, invoice!.id, { paidOn: "2026-12-02", amount: "2000000", method: "bankTransfer", note: "" }));
    await drain();
    const [deal] = await db.select().from(s.deals).where(eq(s.deals.id, withEmail));
    expect(deal!.stageId).toBe(stage("EXECUTING").id);
  });
});
