import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { translator } from "@/lib/i18n/translate";
import { MESSAGE_JOB, queueMessage, retryFailedMessage, retryMessage, type QueueMessageInput } from "@/lib/messaging/queue";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let dealId: number;
beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  dealId = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, title: "Đơn hàng Sao Mai" })));
});
afterAll(() => handle.close());

const ENV = ["CRM_MAIL_PER_ORG_HOUR", "CRM_MAIL_PER_DEAL_HOUR", "CRM_SMS_PER_ORG_HOUR", "CRM_SMS_PER_DEAL_HOUR"];
afterEach(() => {
  for (const name of ENV) delete process.env[name];
});

let keys = 0;
const email = (overrides: Partial<QueueMessageInput> = {}): QueueMessageInput => ({
  orgId: org.orgId,
  dealId,
  channel: "email",
  recipient: "an@example.vn",
  subject: "Báo giá",
  body: "Chào anh An",
  idempotencyKey: `test:${++keys}`,
  createdById: org.admin.id,
  ...overrides,
});
const queue = (input: QueueMessageInput) => inTransaction(db, (tx) => queueMessage(tx, input));
const jobsOf = (id: number) => db.select().from(s.jobs).where(and(eq(s.jobs.type, MESSAGE_JOB), eq(s.jobs.dedupeKey, `message:${id}`)));
const messageOf = async (id: number) => (await db.select().from(s.messages).where(eq(s.messages.id, id)))[0]!;
const inWords = (error: { messageKey: Parameters<ReturnType<typeof translator>>[0]; vars?: Record<string, string | number> }) => translator("en")(error.messageKey, error.vars);

describe("queueing a message", () => {
  it("records it as queued and enqueues its sending in the same transaction", async () => {
    const { id, created } = await queue(email());
    expect(created).toBe(true);
    expect(await messageOf(id)).toMatchObject({ status: "queued", channel: "email", recipient: "an@example.vn", subject: "Báo giá", attempts: 0, dealId, meta: { html: false } });
    expect(await jobsOf(id)).toMatchObject([{ status: "queued", payload: { messageId: id, orgId: org.orgId }, orgId: org.orgId }]);
  });

  it("is idempotent: the same key returns the first message and queues nothing more, whatever else changed", async () => {
    const first = await queue(email({ idempotencyKey: "run:7" }));
    const again = await queue(email({ idempotencyKey: "run:7", body: "another text", recipient: "other@example.vn" }));
    expect(again).toEqual({ id: first.id, created: false });
    expect(await db.$count(s.messages, and(eq(s.messages.orgId, org.orgId), eq(s.messages.idempotencyKey, "run:7")))).toBe(1);
    expect(await jobsOf(first.id)).toHaveLength(1);
    expect((await messageOf(first.id)).body).toBe("Chào anh An");
  });

  it("is idempotent across concurrent transactions too: one message per key", async () => {
    const results = await Promise.all([1, 2, 3].map(() => queue(email({ idempotencyKey: "run:concurrent" }))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("keys are per org", async () => {
    const [other] = await db.insert(s.orgs).values({ name: "Other org" }).returning();
    const mine = await queue(email({ idempotencyKey: "run:shared" }));
    const theirs = await queue(email({ orgId: other!.id, dealId: null, idempotencyKey: "run:shared" }));
    expect(theirs.created).toBe(true);
    expect(theirs.id).not.toBe(mine.id);
  });

  it("rolls back with the caller: no message, no job", async () => {
    const key = "run:rolled-back";
    await inTransaction(db, async (tx) => {
      await queueMessage(tx, email({ idempotencyKey: key }));
      throw new Error("the stage change failed");
    }).catch(() => undefined);
    expect(await db.$count(s.messages, eq(s.messages.idempotencyKey, key))).toBe(0);
  });

  it("stores SMS recipients in E.164 with the parts they take", async () => {
    const { id } = await queue(email({ channel: "sms", recipient: "0912 345 678", subject: "ignored", body: "Xin chào anh An, đơn hàng đã được giao." }));
    expect(await messageOf(id)).toMatchObject({ recipient: "+84912345678", subject: null, meta: { encoding: "UCS-2", segments: 1 } });
  });

  it("refuses an address or phone it cannot send to, and an empty message, in clear words", async () => {
    const badEmail = await refusal(queue(email({ recipient: "an@example" })));
    expect(badEmail.code).toBe("invalid");
    expect(inWords(badEmail)).toBe("“an@example” is not an e-mail address.");
    const badPhone = await refusal(queue(email({ channel: "sms", recipient: "0912 34" })));
    expect(inWords(badPhone)).toBe("“0912 34” is not a phone number that can receive SMS (e.g. 0912 345 678 or +84 912 345 678).");
    expect(inWords(await refusal(queue(email({ recipient: " " }))))).toBe("The client has no e-mail address.");
    expect(inWords(await refusal(queue(email({ channel: "sms", recipient: "" }))))).toBe("The client has no phone number.");
    expect(inWords(await refusal(queue(email({ body: "  \n" }))))).toBe("The message is empty.");
    expect(translator("vi")(badPhone.messageKey, badPhone.vars)).toContain("không phải là số điện thoại");
  });
});

describe("rate limits", () => {
  it("refuses a deal's message over its hourly limit, while other deals still send", async () => {
    process.env.CRM_SMS_PER_DEAL_HOUR = "2";
    const deal = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id })));
    const other = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id })));
    const sms = (d: number) => email({ channel: "sms", recipient: "0912345678", dealId: d });
    await queue(sms(deal));
    await queue(sms(deal));
    const refused = await refusal(queue(sms(deal)));
    expect(inWords(refused)).toBe("This deal has had 2 SMS within the last hour, its limit: this one is not sent. Try again later.");
    expect((await queue(sms(other))).created).toBe(true);
    // E-mails have their own limit.
    expect((await queue(email({ dealId: deal }))).created).toBe(true);
  });

  it("refuses the org's message over its hourly limit; messages older than an hour do not count", async () => {
    const [fresh] = await db.insert(s.orgs).values({ name: "Limited org" }).returning();
    const orgId = fresh!.id;
    process.env.CRM_MAIL_PER_ORG_HOUR = "3";
    const mail = () => email({ orgId, dealId: null });
    for (let i = 0; i < 3; i++) await queue(mail());
    const refused = await refusal(queue(mail()));
    expect(inWords(refused)).toBe("The company has queued 3 e-mails within the last hour, its limit: this one is not sent. Try again later.");
    await db.update(s.messages).set({ createdAt: new Date(Date.now() - 61 * 60_000) }).where(eq(s.messages.orgId, orgId));
    expect((await queue(mail())).created).toBe(true);
  });

  it("lets a retried key through even over the limit (it is the same message), and 0 turns a limit off", async () => {
    process.env.CRM_MAIL_PER_DEAL_HOUR = "1";
    const deal = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id })));
    const first = await queue(email({ dealId: deal, idempotencyKey: "run:limited" }));
    expect(await queue(email({ dealId: deal, idempotencyKey: "run:limited" }))).toEqual({ id: first.id, created: false });
    await refusal(queue(email({ dealId: deal })));
    process.env.CRM_MAIL_PER_DEAL_HOUR = "0";
    expect((await queue(email({ dealId: deal }))).created).toBe(true);
  });
});

describe("retrying a failed message", () => {
  it("puts it back in the queue with a new job; anything not failed is left alone", async () => {
    const { id } = await queue(email());
    expect(await inTransaction(db, (tx) => retryMessage(tx, org.orgId, id))).toBe(false);
    await db.delete(s.jobs).where(eq(s.jobs.dedupeKey, `message:${id}`));
    await db.update(s.messages).set({ status: "failed", error: "SMTP: 550 no such user" }).where(eq(s.messages.id, id));
    expect(await inTransaction(db, (tx) => retryMessage(tx, org.orgId + 1000, id))).toBe(false);
    expect(await inTransaction(db, (tx) => retryMessage(tx, org.orgId, id))).toBe(true);
    expect(await messageOf(id)).toMatchObject({ status: "queued", error: null });
    expect(await jobsOf(id)).toHaveLength(1);
  });

  it("is for administrators, says why when the message is not failed, and never touches another org's message", async () => {
    const { id } = await queue(email());
    await db.delete(s.jobs).where(eq(s.jobs.dedupeKey, `message:${id}`));
    expect((await refusal(inTransaction(db, (tx) => retryFailedMessage(tx, org.admin, id)))).messageKey).toBe("messaging.errors.notFailed");
    await db.update(s.messages).set({ status: "failed", error: "SMTP: 421 try later" }).where(eq(s.messages.id, id));
    expect((await refusal(inTransaction(db, (tx) => retryFailedMessage(tx, org.seller, id)))).messageKey).toBe("errors.forbidden");
    expect((await refusal(inTransaction(db, (tx) => retryFailedMessage(tx, { ...org.admin, orgId: org.orgId + 1000 }, id)))).messageKey).toBe("messaging.errors.notFailed");
    expect(await messageOf(id)).toMatchObject({ status: "failed" });
    await inTransaction(db, (tx) => retryFailedMessage(tx, org.admin, id));
    expect(await messageOf(id)).toMatchObject({ status: "queued", error: null });
    expect(await jobsOf(id)).toHaveLength(1);
  });
});
