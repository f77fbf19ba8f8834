import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { getTimeline } from "@/lib/activities/timeline";
import { createDeal } from "@/lib/deals/service";
import { recoverExpiredJobs, runDueJobs } from "@/lib/jobs/queue";
import { saveEmailSettings } from "@/lib/messaging/email-settings";
import { MESSAGE_JOB, queueMessage, type QueueMessageInput } from "@/lib/messaging/queue";
import { registerMessageJob, sendQueuedMessage } from "@/lib/messaging/send-job";
import { sendSmsHttp } from "@/lib/messaging/transports/sms-http";
import { DeliveryError } from "@/lib/messaging/transports/delivery";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";
import { startHttpSink } from "../helpers/http-sink";
import { startSmtpSink } from "../helpers/smtp-sink";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let gateway: Awaited<ReturnType<typeof startHttpSink>>;

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  [smtp, gateway] = await Promise.all([startSmtpSink(), startHttpSink()]);
  registerMessageJob();
});
afterAll(async () => {
  await Promise.all([smtp.close(), gateway.close()]);
  await handle.close();
});
beforeEach(async () => {
  // Each test runs its own messages' jobs only.
  await db.delete(s.jobs);
  smtp.received.length = 0;
  gateway.requests.length = 0;
});
afterEach(() => {
  for (const name of ["SMTP_URL", "MAIL_FROM", "SMS_URL", "SMS_TOKEN", "SMS_SENDER"]) delete process.env[name];
});

let keys = 0;
const newDeal = () => inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, title: "Hợp đồng bảo trì", contactIds: [org.contacts[0]!.id] })));
const queue = (input: Partial<QueueMessageInput> & { dealId: number | null }) =>
  inTransaction(db, (tx) =>
    queueMessage(tx, { orgId: org.orgId, channel: "email", recipient: "an.nguyen@saomai.vn", subject: "Xác nhận đơn hàng", body: "Kính gửi anh Nguyễn Văn An", idempotencyKey: `run:${++keys}`, createdById: org.admin.id, ...input }),
  );
const messageOf = async (id: number) => (await db.select().from(s.messages).where(eq(s.messages.id, id)))[0]!;
const jobOf = async (id: number) => (await db.select().from(s.jobs).where(and(eq(s.jobs.type, MESSAGE_JOB), eq(s.jobs.dedupeKey, `message:${id}`))))[0]!;
/** Makes the message's retry due now instead of after its backoff, then runs the queue. */
const runRetry = async (id: number) => {
  await db.update(s.jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(s.jobs.dedupeKey, `message:${id}`));
  await runDueJobs(db, "w1");
};
const emailActivities = (dealId: number) => db.select().from(s.activities).where(and(eq(s.activities.dealId, dealId), eq(s.activities.type, "email")));
const timelineOf = async (dealId: number) => {
  const [deal] = await db.select().from(s.deals).where(eq(s.deals.id, dealId));
  return getTimeline(db, org.admin, deal!);
};

describe("e-mail through SMTP", () => {
  it("arrives once at a real SMTP server, with the org's sender, the subject and the Vietnamese body, and shows on the deal's timeline", async () => {
    process.env.SMTP_URL = smtp.url;
    await inTransaction(db, (tx) => saveEmailSettings(tx, org.admin, { from: "Công ty Sao Mai <sales@saomai.vn>", replyTo: "hotro@saomai.vn" }));
    const dealId = await newDeal();
    const html = "<p>Kính gửi anh <b>Nguyễn Văn An</b>,</p><p>Đơn hàng &amp; hóa đơn đã sẵn sàng.</p>";
    const { id } = await queue({ dealId, subject: "Xác nhận đơn hàng — Hợp đồng bảo trì", body: html, html: true, idempotencyKey: "run:smtp-1" });
    expect(await runDueJobs(db, "w1")).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const [{ mail, from, to }] = smtp.received as [(typeof smtp.received)[number]];
    expect(mail.subject).toBe("Xác nhận đơn hàng — Hợp đồng bảo trì");
    expect(mail.text).toContain("Kính gửi anh Nguyễn Văn An,");
    expect(mail.text).toContain("Đơn hàng & hóa đơn đã sẵn sàng.");
    expect(mail.html).toContain("<b>Nguyễn Văn An</b>");
    expect(mail.from?.value).toEqual([{ address: "sales@saomai.vn", name: "Công ty Sao Mai" }]);
    expect(mail.replyTo?.value).toEqual([{ address: "hotro@saomai.vn", name: "" }]);
    expect(mail.messageId).toBe(`<msg-${org.orgId}-run=3Asmtp-1@crm>`);
    expect({ from, to }).toEqual({ from: "sales@saomai.vn", to: ["an.nguyen@saomai.vn"] });

    const message = await messageOf(id);
    expect(message).toMatchObject({ status: "sent", transport: "smtp", attempts: 1, error: null, meta: { messageId: `<msg-${org.orgId}-run=3Asmtp-1@crm>` } });
    expect(message.sentAt).toBeInstanceOf(Date);

    const [activity, ...more] = await emailActivities(dealId);
    expect(more).toHaveLength(0);
    expect(activity).toMatchObject({ type: "email", direction: "outgoing", completed: true, subject: "Xác nhận đơn hàng — Hợp đồng bảo trì", responsibleId: org.seller.id, completedById: org.admin.id });
    expect(activity!.description).toBe("→ an.nguyen@saomai.vn\n\nKính gửi anh Nguyễn Văn An,\nĐơn hàng & hóa đơn đã sẵn sàng.");
    expect(message.meta.activityId).toBe(activity!.id);
    const timeline = await timelineOf(dealId);
    expect(timeline.stream.filter((e) => e.kind === "activity" && e.item.activity.type === "email")).toHaveLength(1);
    expect(timeline.planned).toHaveLength(0);

    // Running it again (a duplicate job, a retry) sends nothing more and records nothing more.
    expect(await sendQueuedMessage(db, org.orgId, id)).toBe("skipped");
    expect(smtp.received).toHaveLength(1);
    expect(await emailActivities(dealId)).toHaveLength(1);
  });

  it("comes from MAIL_FROM when the org set no sender, and without a reply-to", async () => {
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "CRM Demo <crm@demo.vn>";
    const [other] = await db.insert(s.orgs).values({ name: "No sender set" }).returning();
    const { id } = await inTransaction(db, (tx) => queueMessage(tx, { orgId: other!.id, dealId: null, channel: "email", recipient: "khach@example.vn", subject: "Chào", body: "Xin chào", idempotencyKey: "k" }));
    await runDueJobs(db, "w1");
    expect(smtp.received[0]!.mail.from?.value).toEqual([{ address: "crm@demo.vn", name: "CRM Demo" }]);
    expect(smtp.received[0]!.mail.replyTo).toBeUndefined();
    expect(smtp.received[0]!.mail.html).toBe(false);
    expect((await messageOf(id)).status).toBe("sent");
  });

  it("fails at once, with the server's reason, when the server refuses the recipient for good (5xx)", async () => {
    process.env.SMTP_URL = smtp.url;
    const dealId = await newDeal();
    const { id } = await queue({ dealId, recipient: "bounce@saomai.vn" });
    await runDueJobs(db, "w1");
    const message = await messageOf(id);
    expect(message).toMatchObject({ status: "failed", attempts: 1 });
    expect(message.error).toMatch(/^SMTP: .*550.*No such user here/);
    expect(await jobOf(id)).toMatchObject({ status: "done" });
    expect(await emailActivities(dealId)).toHaveLength(0);
  });

  it("retries with backoff while the server answers 'later' (4xx), then fails with the last reason when the queue gives up", async () => {
    process.env.SMTP_URL = smtp.url;
    const dealId = await newDeal();
    const { id } = await queue({ dealId, recipient: "busy@saomai.vn" });
    const before = Date.now();
    await runDueJobs(db, "w1");
    expect(await messageOf(id)).toMatchObject({ status: "queued", attempts: 1, error: expect.stringMatching(/451.*Try again later/) });
    const job = await jobOf(id);
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job.runAt.getTime()).toBeGreaterThanOrEqual(before + 9_000);
    for (let attempt = 2; attempt <= job.maxAttempts; attempt++) await runRetry(id);
    expect(await jobOf(id)).toMatchObject({ status: "failed", attempts: job.maxAttempts });
    expect(await messageOf(id)).toMatchObject({ status: "failed", attempts: job.maxAttempts, error: expect.stringMatching(/451.*Try again later/) });
    expect(smtp.received).toHaveLength(0);
    expect(await emailActivities(dealId)).toHaveLength(0);
  });

  it("after a crash between sending and recording, sends again with the same Message-ID and records one activity", async () => {
    process.env.SMTP_URL = smtp.url;
    const dealId = await newDeal();
    const { id } = await queue({ dealId, idempotencyKey: "run:crash" });
    const crash = () => {
      throw new Error("process killed");
    };
    await expect(sendQueuedMessage(db, org.orgId, id, crash)).rejects.toThrow("process killed");
    expect(await messageOf(id)).toMatchObject({ status: "sending", attempts: 1 });
    expect(await emailActivities(dealId)).toHaveLength(0);
    expect(await sendQueuedMessage(db, org.orgId, id)).toBe("sent");
    expect(smtp.received.map((r) => r.mail.messageId)).toEqual([`<msg-${org.orgId}-run=3Acrash@crm>`, `<msg-${org.orgId}-run=3Acrash@crm>`]);
    expect(await messageOf(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await emailActivities(dealId)).toHaveLength(1);
  });

  it("records one activity when two workers send the same message at once", async () => {
    process.env.SMTP_URL = smtp.url;
    const dealId = await newDeal();
    const { id } = await queue({ dealId });
    const outcomes = await Promise.all([sendQueuedMessage(db, org.orgId, id), sendQueuedMessage(db, org.orgId, id)]);
    expect(outcomes).toContain("sent");
    expect(await emailActivities(dealId)).toHaveLength(1);
    expect((await messageOf(id)).status).toBe("sent");
  });

  it("fails the message when its worker died during the last attempt", async () => {
    process.env.SMTP_URL = smtp.url;
    const { id } = await queue({ dealId: null });
    const job = await jobOf(id);
    await db.update(s.messages).set({ status: "sending", attempts: job.maxAttempts }).where(eq(s.messages.id, id));
    await db
      .update(s.jobs)
      .set({ status: "running", attempts: job.maxAttempts, lockedBy: "dead-worker", lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(s.jobs.id, job.id));
    await recoverExpiredJobs(db);
    expect(await messageOf(id)).toMatchObject({ status: "failed", error: "worker stopped before finishing" });
  });
});

describe("e-mail without SMTP_URL", () => {
  it("is delivered to the outbox: sent, transport outbox, and on the deal's timeline", async () => {
    const dealId = await newDeal();
    const { id } = await queue({ dealId, subject: "", body: "Cảm ơn anh đã đặt hàng.\nHẹn gặp lại." });
    await runDueJobs(db, "w1");
    expect(await messageOf(id)).toMatchObject({ status: "sent", transport: "outbox", error: null });
    expect(smtp.received).toHaveLength(0);
    // No subject: the timeline names it by its first line.
    expect(await emailActivities(dealId)).toMatchObject([{ subject: "Cảm ơn anh đã đặt hàng.", description: "→ an.nguyen@saomai.vn\n\nCảm ơn anh đã đặt hàng.\nHẹn gặp lại." }]);
  });

  it("of a deleted deal is still sent, with no activity", async () => {
    const dealId = await newDeal();
    const { id } = await queue({ dealId });
    await db.delete(s.deals).where(eq(s.deals.id, dealId));
    await runDueJobs(db, "w1");
    expect(await messageOf(id)).toMatchObject({ status: "sent", dealId: null });
  });
});

describe("SMS through the HTTP gateway", () => {
  const sms = (dealId: number | null, overrides: Partial<QueueMessageInput> = {}) =>
    queue({ dealId, channel: "sms", recipient: "0912 345 678", subject: null, body: "Xin chào anh An, đơn hàng của anh đã được giao. Cảm ơn anh đã tin dùng dịch vụ của Sao Mai!", ...overrides });

  it("POSTs the recipient in E.164, the text, the sender and the idempotency key, with the bearer token", async () => {
    Object.assign(process.env, { SMS_URL: gateway.url, SMS_TOKEN: "tok-123", SMS_SENDER: "SAOMAI" });
    const dealId = await newDeal();
    const { id } = await sms(dealId, { idempotencyKey: "run:sms-1" });
    await runDueJobs(db, "w1");
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests as [(typeof gateway.requests)[number]];
    expect(request.method).toBe("POST");
    expect(request.headers.authorization).toBe("Bearer tok-123");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["idempotency-key"]).toBe(`${org.orgId}:run:sms-1`);
    expect(JSON.parse(request.body)).toEqual({
      to: "+84912345678",
      text: "Xin chào anh An, đơn hàng của anh đã được giao. Cảm ơn anh đã tin dùng dịch vụ của Sao Mai!",
      sender: "SAOMAI",
      idempotencyKey: `${org.orgId}:run:sms-1`,
    });
    expect(await messageOf(id)).toMatchObject({ status: "sent", transport: "http", meta: { encoding: "UCS-2", segments: 2, status: 200 } });
    // A text message is not an e-mail activity.
    expect(await emailActivities(dealId)).toHaveLength(0);
  });

  it("retries after a 500 with the same Idempotency-Key, then is sent", async () => {
    Object.assign(process.env, { SMS_URL: gateway.url, SMS_TOKEN: "tok-123" });
    gateway.answer(500);
    const { id } = await sms(null);
    await runDueJobs(db, "w1");
    expect(await messageOf(id)).toMatchObject({ status: "queued", attempts: 1, error: 'SMS gateway answered 500: {"error":"gateway says 500"}' });
    expect((await jobOf(id)).status).toBe("queued");
    await runRetry(id);
    expect(await messageOf(id)).toMatchObject({ status: "sent", attempts: 2, error: null });
    expect(gateway.requests).toHaveLength(2);
    expect(new Set(gateway.requests.map((r) => r.headers["idempotency-key"])).size).toBe(1);
    expect(JSON.parse(gateway.requests[1]!.body).sender).toBeNull();
  });

  it("gives up after the last attempt: failed with the gateway's last answer", async () => {
    process.env.SMS_URL = gateway.url;
    const { id } = await sms(null);
    const attempts = (await jobOf(id)).maxAttempts;
    gateway.answer(...Array<number>(attempts).fill(503));
    await runDueJobs(db, "w1");
    for (let attempt = 2; attempt <= attempts; attempt++) await runRetry(id);
    expect(gateway.requests).toHaveLength(attempts);
    expect(await messageOf(id)).toMatchObject({ status: "failed", attempts, error: 'SMS gateway answered 503: {"error":"gateway says 503"}' });
  });

  it("fails at once when the gateway refuses the request (4xx)", async () => {
    process.env.SMS_URL = gateway.url;
    gateway.answer(422);
    const { id } = await sms(null);
    await runDueJobs(db, "w1");
    expect(await messageOf(id)).toMatchObject({ status: "failed", attempts: 1, error: 'SMS gateway answered 422: {"error":"gateway says 422"}' });
    expect((await jobOf(id)).status).toBe("done");
  });

  it("counts a gateway that does not answer in time as a failure to retry", async () => {
    gateway.answer(null);
    const error = await sendSmsHttp({ url: gateway.url, token: null, sender: null, timeoutMs: 200 }, { to: "+84912345678", text: "x", idempotencyKey: "k" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ message: "SMS gateway did not answer within 0.2 s", permanent: false });
    const closed = await startHttpSink();
    await closed.close();
    const refused = await sendSmsHttp({ url: closed.url, token: null, sender: null }, { to: "+84912345678", text: "x", idempotencyKey: "k" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ message: "SMS gateway unreachable: ECONNREFUSED", permanent: false });
  });

  it("without SMS_URL goes to the outbox, its parts counted", async () => {
    const { id } = await sms(null, { body: "Cam on quy khach" });
    await runDueJobs(db, "w1");
    expect(gateway.requests).toHaveLength(0);
    expect(await messageOf(id)).toMatchObject({ status: "sent", transport: "outbox", meta: { encoding: "GSM-7", segments: 1 } });
  });
});
