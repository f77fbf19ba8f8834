import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { getOutboxMessage, getOutboxPage, OUTBOX_PAGE_SIZE } from "@/lib/messaging/outbox-queries";
import { queueMessage } from "@/lib/messaging/queue";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let dealId: number;
const TOTAL = OUTBOX_PAGE_SIZE * 2 + 7;

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  process.env.CRM_MAIL_PER_ORG_HOUR = "0";
  process.env.CRM_MAIL_PER_DEAL_HOUR = "0";
  dealId = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, title: "Đơn hàng" })));
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < TOTAL; i++) await queueMessage(tx, { orgId: org.orgId, dealId: i % 2 ? dealId : null, channel: "email", recipient: "an@example.vn", subject: `Thư ${i}`, body: "x", idempotencyKey: `k${i}` });
  });
  const other = await makeOrg(db, "Other org");
  await inTransaction(db, (tx) => queueMessage(tx, { orgId: other.orgId, dealId: null, channel: "email", recipient: "b@example.vn", subject: "Not yours", body: "x", idempotencyKey: "k0" }));
});
afterAll(() => handle.close());

describe("the outbox", () => {
  it("pages the org's messages newest first, each once, with the deal's title", async () => {
    const seen: string[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof getOutboxPage>> = await getOutboxPage(db, org.admin, before);
      seen.push(...page.messages.map((m) => m.message.subject ?? ""));
      for (const { message, deal } of page.messages) expect(deal).toEqual(message.dealId === null ? null : { id: dealId, title: "Đơn hàng" });
      before = page.older;
      pages++;
    } while (before !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => `Thư ${TOTAL - 1 - i}`));
  });

  it("is for administrators only, and shows one message of the org only", async () => {
    expect((await refusal(getOutboxPage(db, org.seller, null))).code).toBe("forbidden");
    const [first] = (await getOutboxPage(db, org.admin, null)).messages;
    expect((await getOutboxMessage(db, org.admin, first!.message.id))?.message.subject).toBe(first!.message.subject);
    expect((await refusal(getOutboxMessage(db, org.seller, first!.message.id))).code).toBe("forbidden");
    const [theirs] = await db.select().from(s.messages).where(ne(s.messages.orgId, org.orgId));
    expect(await getOutboxMessage(db, org.admin, theirs!.id)).toBeNull();
  });
});
