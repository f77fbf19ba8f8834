import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { registerAutomationJobs } from "@/lib/automation/runner";
import { moveDeals } from "@/lib/deals/move";
import { createDeal } from "@/lib/deals/service";
import { runDueJobs } from "@/lib/jobs/queue";
import { registerMessageJob } from "@/lib/messaging/send-job";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";
import { startWorkerProcess } from "../helpers/job-worker-process";
import { startSmtpSink } from "../helpers/smtp-sink";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  registerAutomationJobs();
  registerMessageJob();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await db.delete(s.robots);
  await db.delete(s.jobs);
});

const stage = (code: string) => org.stage(0, code);
const drain = async (lockSeconds?: number) => {
  while ((await runDueJobs(db, "test-worker", { limit: 50, lockSeconds })) > 0);
};

async function emailRobot(subject = "Báo giá cho {{company.title}}", body = "Kính gửi {{contact.name}},\nGiao dịch: {{deal.title}}") {
  await db.insert(s.robots).values({ orgId: org.orgId, pipelineId: org.pipelines[0]!.id, stageId: stage("PREPARATION").id, name: "E-mail the client", kind: "email", config: { subject, body }, authorId: org.admin.id });
}

/** Deals whose primary contact has an e-mail address of its own (n of them). */
async function dealsWithClients(n: number, title = "Khách") {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const [contact] = await db.insert(s.contacts).values({ orgId: org.orgId, name: `${title} ${i}`, emails: [{ value: `khach${i}.${Date.now()}@example.vn`, kind: "WORK" }] }).returning();
    ids.push(await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ title: `${title} <${i}>`, assignedById: org.seller.id, companyId: org.company.id, contactIds: [contact!.id], stageId: stage("NEW").id }))));
  }
  return ids;
}

const moveAll = (ids: number[]) => inTransaction(db, (tx) => moveDeals(tx, org.admin, ids, { stageId: stage("PREPARATION").id, afterId: null }));
const runsOf = (dealId: number) => db.select().from(s.automationRuns).where(eq(s.automationRuns.dealId, dealId));

describe("the e-mail robot", () => {
  it("queues one e-mail to the client per run, rendered with escaped values, and it reaches the timeline once sent", async () => {
    await emailRobot();
    const [deal] = await dealsWithClients(1);
    await moveAll([deal!]);
    await drain();
    const [run] = await runsOf(deal!);
    expect(run!.status).toBe("ran");
    const [message] = await db.select().from(s.messages).where(eq(s.messages.dealId, deal!));
    expect(message).toMatchObject({ channel: "email", status: "sent", transport: "outbox", subject: "Báo giá cho Công ty Sao Mai", idempotencyKey: `run:${run!.id}` });
    expect(message!.body).toContain("Khách &lt;0&gt;");
    expect(message!.body).not.toContain("<0>");
    const timeline = await db.select().from(s.activities).where(and(eq(s.activities.dealId, deal!), eq(s.activities.type, "email")));
    expect(timeline).toHaveLength(1);
  });

  it("fails the run with a clear reason when the client has no e-mail address", async () => {
    await emailRobot();
    const deal = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ title: "No client", assignedById: org.seller.id, stageId: stage("NEW").id })));
    await moveAll([deal]);
    await drain();
    const [run] = await runsOf(deal);
    expect([run!.status, JSON.parse(run!.detail!).key]).toEqual(["failed", "automationRun.noClientEmail"]);
    expect(await db.select().from(s.messages).where(eq(s.messages.dealId, deal))).toEqual([]);
  });

  describe.runIf(process.env.DATABASE_URL)("with a worker killed mid-batch (PostgreSQL)", () => {
    it("after kill -9 and a restart, every client's e-mail arrives once", async () => {
      const sink = await startSmtpSink();
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${handle.name}`;
      const lockSeconds = 2;
      process.env.SMTP_URL = sink.url;
      const worker = await startWorkerProcess(url.toString(), { lockSeconds });
      try {
        await emailRobot("Xin chào {{contact.name}}", "Cảm ơn quý khách đã quan tâm tới {{deal.title}}.");
        const ids = await dealsWithClients(40, "Lô");
        await moveAll(ids);
        // Kill the worker once it is in the middle of the batch.
        await vi.waitFor(() => expect(sink.received.length).toBeGreaterThanOrEqual(5), { timeout: 60_000, interval: 50 });
        worker.child.kill("SIGKILL");
        // "Restart": this process works the queue, taking over what the dead worker held once its lock expires.
        await vi.waitFor(
          async () => {
            await drain(lockSeconds);
            const open = await db.select({ id: s.messages.id }).from(s.messages).where(and(eq(s.messages.orgId, org.orgId), inArray(s.messages.status, ["queued", "sending"])));
            const pendingRuns = await db.select({ id: s.automationRuns.id }).from(s.automationRuns).where(and(inArray(s.automationRuns.dealId, ids), inArray(s.automationRuns.status, ["pending", "running", "waiting"])));
            expect([open.length, pendingRuns.length]).toEqual([0, 0]);
          },
          { timeout: 60_000, interval: 200 },
        );
        const rows = await db.select().from(s.messages).where(inArray(s.messages.dealId, ids));
        expect(rows).toHaveLength(40);
        expect(rows.every((m) => m.status === "sent" && m.transport === "smtp")).toBe(true);
        // Every message once by its Message-ID (stable per run: a receiver drops a resend after a
        // crash between the server's "250 OK" and our "sent"); by recipient, once each too.
        const byId = new Map<string, number>();
        for (const { mail } of sink.received) byId.set(mail.messageId ?? "", (byId.get(mail.messageId ?? "") ?? 0) + 1);
        expect(byId.size).toBe(40);
        const recipients = new Set(sink.received.flatMap((r) => r.to));
        expect(recipients.size).toBe(40);
        const resent = [...byId.values()].filter((n) => n > 1).length;
        // At most the one message that was between "250 OK" and "sent" when the worker died.
        expect(resent).toBeLessThanOrEqual(1);
        expect(sink.received[0]!.mail.text).toContain("Cảm ơn quý khách");
      } finally {
        worker.child.kill("SIGKILL");
        delete process.env.SMTP_URL;
        await sink.close();
      }
    }, 120_000);
  });
});
