import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { translator } from "@/lib/i18n/translate";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { registerAutomationJobs } from "@/lib/automation/runner";
import { registerTriggerJobs } from "@/lib/automation/triggers/fire";
import { inboundEmailKey } from "@/lib/automation/triggers/inbound-key";
import { createTrigger, setTriggerEnabled } from "@/lib/automation/triggers/service";
import { createWebForm, setWebFormEnabled } from "@/lib/automation/triggers/web-forms/service";
import { createCustomField } from "@/lib/fields/service";
import { createDeal } from "@/lib/deals/service";
import { runDueJobs } from "@/lib/jobs/queue";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

/** The public endpoints as a stranger calls them: no session, the database of this file, English. */
const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db }));
vi.mock("@/lib/i18n/server", () => ({ getI18n: async () => ({ locale: "en", t: translator("en") }) }));
vi.mock("@/lib/auth/viewer", () => ({
  getViewer: async () => null,
  requireViewer: async () => {
    throw new Error("a public endpoint asked for a session");
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));

const { POST: webhookRoute } = await import("@/app/api/automation/hooks/[secret]/route");
const { POST: inboundRoute } = await import("@/app/api/automation/inbound-email/route");
const { submitWebFormAction } = await import("@/lib/automation/triggers/web-forms/public-action");

let handle: TestDb;
let db: Db;
let org: TestOrg;
let stranger: TestOrg;
beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  state.db = db;
  stranger = await makeOrg(db, "Another org");
  registerAutomationJobs();
  registerTriggerJobs();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await db.delete(s.automationTriggers);
  await db.delete(s.jobs);
  await db.delete(s.rateLimits);
});

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const stage = (code: string) => org.stage(0, code);
const drain = async () => {
  while ((await runDueJobs(db, "test-worker", { limit: 50 })) > 0);
};
const stageOf = async (dealId: number) => (await db.select({ stageId: s.deals.stageId }).from(s.deals).where(eq(s.deals.id, dealId)))[0]!.stageId;
const newDeal = (title: string, extra: Partial<Parameters<typeof dealInput>[0]> = {}, who = org) =>
  inTx((tx) => createDeal(tx, who.admin, dealInput({ title, stageId: who.stage(0, "NEW").id, assignedById: who.seller.id, ...extra })));
const trigger = (kind: "incomingWebhook" | "emailReceived" | "webForm", target: string, config: Record<string, unknown> = {}) =>
  inTx((tx) => createTrigger(tx, org.admin, { name: kind, kind, stageId: stage(target).id, config, condition: null, allowBackwards: false }));

describe("incoming webhook", () => {
  const call = (secret: string, body: string, type = "application/json") =>
    webhookRoute(new Request(`http://crm.test/api/automation/hooks/${secret}`, { method: "POST", headers: { "content-type": type }, body }), { params: Promise.resolve({ secret }) });

  it("moves the deal its body names, from a call without cookies; JSON or a form", async () => {
    const hook = await trigger("incomingWebhook", "PREPARATION");
    expect(hook.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const json = await newDeal("Webhook JSON");
    const form = await newDeal("Webhook form");
    const answer = await call(hook.secret!, JSON.stringify({ dealId: json }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    expect((await call(hook.secret!, `dealId=${form}`, "application/x-www-form-urlencoded")).status).toBe(200);
    await drain();
    expect(await stageOf(json)).toBe(stage("PREPARATION").id);
    expect(await stageOf(form)).toBe(stage("PREPARATION").id);
    const [run] = await db.select().from(s.automationRuns).where(eq(s.automationRuns.dealId, json));
    expect(run).toMatchObject({ triggerId: hook.id, kind: "incomingWebhook", status: "ran" });
  });

  it("a wrong secret gets 404 and moves nothing", async () => {
    const hook = await trigger("incomingWebhook", "PREPARATION");
    const deal = await newDeal("Not moved");
    const wrong = hook.secret!.slice(0, -1) + (hook.secret!.endsWith("A") ? "B" : "A");
    for (const secret of [wrong, "short", "../../etc/passwd"]) {
      const answer = await call(secret, JSON.stringify({ dealId: deal }));
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ error: "notFound" });
    }
    await drain();
    expect(await stageOf(deal)).toBe(stage("NEW").id);
    expect(await db.select().from(s.jobs).where(eq(s.jobs.type, "automation.trigger"))).toEqual([]);
  });

  it("answers another org's deal exactly like a missing one, a bad body with 400, never a database error", async () => {
    const hook = await trigger("incomingWebhook", "PREPARATION");
    const theirs = await newDeal("Theirs", {}, stranger);
    const [last] = await db.select({ id: sql<number>`max(id)` }).from(s.deals);
    const missing = await call(hook.secret!, JSON.stringify({ dealId: Number(last!.id) + 1000 }));
    const foreign = await call(hook.secret!, JSON.stringify({ dealId: theirs }));
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    for (const body of ["not json", "{}", '{"dealId":"abc"}', '{"dealId":2147483648}', '{"dealId":-3}', "[1]", '{"dealId":"1\\u0000"}']) {
      const answer = await call(hook.secret!, body);
      expect(answer.status).toBe(400);
      const text = await answer.text();
      expect(text).not.toMatch(/relation|column|syntax|constraint|postgres|select/i);
    }
    expect((await call(hook.secret!, "dealId=1", "multipart/form-data; boundary=x")).status).toBe(415);
    await drain();
    expect(await stageOf(theirs)).toBe(stranger.stage(0, "NEW").id);
  });

  it("a switched-off trigger answers 409; calls beyond the limit per trigger answer 429 with Retry-After", async () => {
    const hook = await trigger("incomingWebhook", "PREPARATION");
    const deal = await newDeal("Limited");
    process.env.CRM_WEBHOOK_LIMIT = "3";
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(hook.secret!, JSON.stringify({ dealId: deal }))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await call(hook.secret!, JSON.stringify({ dealId: deal }));
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      delete process.env.CRM_WEBHOOK_LIMIT;
    }
    await db.delete(s.rateLimits);
    await inTx((tx) => setTriggerEnabled(tx, org.admin, hook.id, false));
    expect((await call(hook.secret!, JSON.stringify({ dealId: deal }))).status).toBe(409);
  });
});

describe("inbound e-mail", () => {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const message = (from: string, subject: string, body: string, messageId = `<${Math.random().toString(36).slice(2)}@mail.example.vn>`) =>
    [
      `From: =?UTF-8?B?${b64("Nguyễn Thị Hoa")}?= <${from}>`,
      "To: crm@congty.vn",
      `Subject: =?UTF-8?B?${b64(subject)}?=`,
      `Message-ID: ${messageId}`,
      "Date: Tue, 01 Dec 2026 09:30:00 +0700",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      b64(body),
      "",
    ].join("\r\n");
  const post = (key: string, raw: string | Uint8Array<ArrayBuffer>, type = "message/rfc822") =>
    inboundRoute(new Request(`http://crm.test/api/automation/inbound-email?key=${encodeURIComponent(key)}`, { method: "POST", headers: { "content-type": type }, body: raw }));
  const emailsOf = (dealId: number) => db.select().from(s.activities).where(and(eq(s.activities.dealId, dealId), eq(s.activities.type, "email")));

  it("files a Vietnamese message on the newest open deal of the sender's contact, as an incoming e-mail, and fires the trigger", async () => {
    await trigger("emailReceived", "EXECUTING");
    const key = await inboundEmailKey(db, org.orgId);
    const [hoa] = await db.insert(s.contacts).values({ orgId: org.orgId, name: "Thị Hoa", lastName: "Nguyễn", emails: [{ value: "hoa.nguyen@example.vn", kind: "WORK" }] }).returning();
    const older = await newDeal("Đơn hàng cũ", { contactIds: [hoa!.id] });
    const newer = await newDeal("Đơn hàng mới", { contactIds: [hoa!.id] });
    const closed = await newDeal("Đã xong", { contactIds: [hoa!.id], stageId: stage("WON").id });
    const notPrimary = await newDeal("Liên hệ phụ", { contactIds: [org.contacts[0]!.id, hoa!.id] });
    const answer = await post(key, message("Hoa.Nguyen@Example.VN", "Xác nhận đặt hàng", "Chào anh, em xác nhận đặt 20 bộ bàn ghế.\nCảm ơn anh!"));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    const [filed] = await emailsOf(newer);
    expect(filed).toMatchObject({ type: "email", direction: "incoming", subject: "Xác nhận đặt hàng", completed: false, responsibleId: org.seller.id });
    expect(filed!.description).toContain("Nguyễn Thị Hoa <hoa.nguyen@example.vn>");
    expect(filed!.description).toContain("Chào anh, em xác nhận đặt 20 bộ bàn ghế.");
    for (const other of [older, closed, notPrimary]) expect(await emailsOf(other)).toEqual([]);
    // The deal's "incoming" counter sees it.
    const [counters] = await db.select({ incoming: s.deals.incomingOpen }).from(s.deals).where(eq(s.deals.id, newer));
    expect(counters!.incoming).toBe(1);
    await drain();
    expect(await stageOf(newer)).toBe(stage("EXECUTING").id);
  });

  it("matches the company's address too, files a message retried by the mail server once, and refuses what is not mail", async () => {
    const key = await inboundEmailKey(db, org.orgId);
    const [firm] = await db.insert(s.companies).values({ orgId: org.orgId, title: "Công ty Minh Long", emails: [{ value: "info@minhlong.vn", kind: "WORK" }] }).returning();
    const deal = await newDeal("Minh Long", { companyId: firm!.id });
    const raw = message("info@minhlong.vn", "Báo giá", "Gửi báo giá giúp chúng tôi.", "<same@minhlong.vn>");
    expect((await post(key, raw)).status).toBe(200);
    expect((await post(key, raw)).status).toBe(200);
    expect(await emailsOf(deal)).toHaveLength(1);
    expect((await post(key, raw, "application/json")).status).toBe(415);
    expect((await post(key, "Subject: no sender\r\n\r\nhello", "text/plain")).status).toBe(400);
    const huge = new Uint8Array(5 * 1024 * 1024 + 1).fill(97);
    expect((await post(key, huge)).status).toBe(413);
  });

  it("a wrong or foreign key gets 404 and files nothing; a sender of another org is never matched", async () => {
    const key = await inboundEmailKey(db, org.orgId);
    const theirKey = await inboundEmailKey(db, stranger.orgId);
    const [theirContact] = await db.insert(s.contacts).values({ orgId: stranger.orgId, name: "Lan", emails: [{ value: "lan@khach.vn", kind: "WORK" }] }).returning();
    const theirs = await newDeal("Their deal", { contactIds: [theirContact!.id] }, stranger);
    const raw = message("lan@khach.vn", "Xin chào", "Nội dung");
    const forged = `${org.orgId}.${theirKey.split(".")[1]}`;
    for (const bad of [forged, `${key}x`, "1.abc", "", "99999999999.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
      const answer = await post(bad, raw);
      expect(answer.status).toBe(404);
    }
    // The right key, but the sender is another org's client: filed nowhere.
    expect((await post(key, raw)).status).toBe(200);
    expect(await emailsOf(theirs)).toEqual([]);
  });
});

describe("web form", () => {
  const submit = (fields: Record<string, string | string[]>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
    return submitWebFormAction(initialActionState, data).then(
      (answer: ActionState) => ({ answer, redirectedTo: null as string | null }),
      (error: { to?: string }) => {
        if (!error.to) throw error;
        return { answer: null, redirectedTo: error.to };
      },
    );
  };
  const dealsFromForms = () => db.select().from(s.deals).where(and(eq(s.deals.orgId, org.orgId), eq(s.deals.sourceId, "WEBFORM")));

  async function form() {
    const fieldId = await inTx((tx) => createCustomField(tx, org.admin, fieldInput({ label: `Thành phố ${Math.random()}`, type: "string" })));
    const [field] = await db.select().from(s.customFields).where(eq(s.customFields.id, fieldId));
    const made = await inTx((tx) =>
      createWebForm(tx, org.admin, {
        name: "Yêu cầu báo giá",
        stageId: stage("NEW").id,
        responsibleId: org.seller.id,
        thanks: null,
        fields: [
          { key: "name", required: true },
          { key: "phone", required: false },
          { key: "email", required: true },
          { key: "company", required: false },
          { key: "comment", required: false },
          { key: `uf.${field!.code}`, required: true },
        ],
      }),
    );
    return { form: made, code: field!.code };
  }

  it("creates a contact and a deal (source WEBFORM) as the form's author, and the trigger moves the deal", async () => {
    const { form: made, code } = await form();
    await trigger("webForm", "PREPARATION", { formId: made.id });
    const before = (await dealsFromForms()).length;
    const { redirectedTo } = await submit({ form: made.secret, name: "Nguyễn Thị Hoa", phone: "0912 345 678", email: "hoa@example.vn", company: "Công ty Hoa Sen", comment: "Tôi cần báo giá 20 bộ bàn ghế.", website: "", "cf:sent": code, [`cf:${code}[]`]: "Hà Nội" });
    expect(redirectedTo).toBe(`/forms/${made.secret}/thanks`);
    const created = (await dealsFromForms()).slice(before);
    expect(created).toHaveLength(1);
    const deal = created[0]!;
    expect(deal).toMatchObject({ stageId: stage("NEW").id, assignedById: org.seller.id, createdById: org.admin.id, comments: "Tôi cần báo giá 20 bộ bàn ghế.", sourceDescription: "Yêu cầu báo giá" });
    expect(deal.custom).toEqual({ [code]: "Hà Nội" });
    const [link] = await db.select().from(s.dealContacts).where(eq(s.dealContacts.dealId, deal.id));
    const [contact] = await db.select().from(s.contacts).where(eq(s.contacts.id, link!.contactId));
    expect(contact).toMatchObject({ name: "Nguyễn Thị Hoa", emails: [{ value: "hoa@example.vn", kind: "WORK" }], phones: [{ value: "0912 345 678", kind: "WORK" }] });
    const [company] = await db.select().from(s.companies).where(eq(s.companies.id, deal.companyId!));
    expect(company!.title).toBe("Công ty Hoa Sen");
    await drain();
    expect(await stageOf(deal.id)).toBe(stage("PREPARATION").id);
  });

  it("refuses bad input by field, keeping what was typed, and creates nothing", async () => {
    const { form: made, code } = await form();
    const before = (await dealsFromForms()).length;
    const { answer } = await submit({ form: made.secret, name: "", email: "hoa@", comment: "Giữ lại nội dung này", "cf:sent": code, [`cf:${code}[]`]: "" });
    expect(answer!.ok).toBe(false);
    expect(Object.keys(answer!.fieldErrors!).sort()).toEqual([`cf:${code}`, "email", "name"]);
    expect(answer!.values).toMatchObject({ email: "hoa@", comment: "Giữ lại nội dung này" });
    expect((await dealsFromForms()).length).toBe(before);
  });

  it("the honeypot thanks the robot and creates nothing; past the limit per address a person is asked to wait", async () => {
    const { form: made, code } = await form();
    const before = (await dealsFromForms()).length;
    const filled = { form: made.secret, name: "Spam Bot", email: "bot@spam.example", "cf:sent": code, [`cf:${code}[]`]: "x" };
    const { redirectedTo } = await submit({ ...filled, website: "http://spam.example" });
    expect(redirectedTo).toBe(`/forms/${made.secret}/thanks`);
    expect((await dealsFromForms()).length).toBe(before);

    process.env.CRM_WEBFORM_LIMIT = "2";
    try {
      // The honeypot's submission counted: one more goes through, the next is refused.
      expect((await submit({ ...filled, name: "Người thật", email: "that@example.vn" })).redirectedTo).not.toBeNull();
      const { answer } = await submit({ ...filled, name: "Lần nữa", email: "lan2@example.vn" });
      expect(answer!.ok).toBe(false);
      expect(answer!.message).toMatch(/Too many requests from your network/);
      expect(answer!.values).toMatchObject({ name: "Lần nữa" });
    } finally {
      delete process.env.CRM_WEBFORM_LIMIT;
    }
    expect((await dealsFromForms()).length).toBe(before + 1);
  });

  it("a form switched off, or an unknown address, takes nothing", async () => {
    const { form: made, code } = await form();
    await inTx((tx) => setWebFormEnabled(tx, org.admin, made.id, false));
    const before = (await dealsFromForms()).length;
    for (const secret of [made.secret, "nope", "a".repeat(43)]) {
      const { answer } = await submit({ form: secret, name: "Khách", email: "khach@example.vn", "cf:sent": code, [`cf:${code}[]`]: "x" });
      expect(answer!.ok).toBe(false);
      expect(answer!.message).toBe("This form is not taking requests right now.");
    }
    expect((await dealsFromForms()).length).toBe(before);
  });
});
