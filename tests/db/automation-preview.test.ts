import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { previewRobotMessage } from "@/lib/automation/preview";
import { createDeal } from "@/lib/deals/service";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let dealId: number;
let hiddenId: number;

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  const an = org.contacts[0]!;
  await db.update(s.contacts).set({ emails: [{ value: "an@saomai.vn", kind: "WORK" }], phones: [{ value: "0912 345 678", kind: "MOBILE" }] }).where(eq(s.contacts.id, an.id));
  dealId = await inTransaction(db, (tx) =>
    createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "PREPARATION").id, title: "<b>Bảo trì</b> & nâng cấp", amount: "1500000", contactIds: [an.id] })),
  );
  hiddenId = await inTransaction(db, (tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "PREPARATION").id, title: "Bí mật", opened: false, contactIds: [an.id] })));
});
afterAll(() => handle.close());

const robot = (kind: string, config: Record<string, unknown>, stage = "PREPARATION") => ({ kind, config, pipelineId: org.pipelines[0]!.id, stageId: org.stage(0, stage).id });
const email = () => robot("email", { subject: "Cảm ơn {{contact.name}} – {{deal.title}}", body: "Kính gửi {{contact.name}},\n{{deal.title}}: {{deal.amount}} {{deal.oops}}" });

describe("the robot editor's preview", () => {
  it("fills the saved templates from a real deal in the org's language, escaping values in the HTML body, as the robot would send them", async () => {
    const preview = await previewRobotMessage(db, org.seller, email(), dealId);
    expect(preview).toMatchObject({ state: "ready", deal: { id: dealId, title: "<b>Bảo trì</b> & nâng cấp" } });
    if (preview?.state !== "ready") throw new Error("no preview");
    expect(preview.message).toMatchObject({ channel: "email", recipient: "an@saomai.vn", html: true, unknown: ["deal.oops"] });
    expect(preview.message.subject).toBe("Cảm ơn Nguyễn Văn An – <b>Bảo trì</b> & nâng cấp");
    expect(preview.message.body).toBe("Kính gửi Nguyễn Văn An,<br>\n&lt;b&gt;Bảo trì&lt;/b&gt; &amp; nâng cấp: 1.500.000\u00a0₫ ");
  });

  it("counts an SMS's parts, Vietnamese text as Unicode", async () => {
    const preview = await previewRobotMessage(db, org.seller, robot("sms", { text: "Chào {{contact.name}}, cảm ơn anh/chị." }), dealId);
    if (preview?.state !== "ready") throw new Error("no preview");
    expect(preview.message).toMatchObject({ channel: "sms", recipient: "0912 345 678", subject: null, body: "Chào Nguyễn Văn An, cảm ơn anh/chị." });
    expect(preview.segments).toMatchObject({ encoding: "UCS-2", segments: 1 });
  });

  it("tells a deal the viewer may not read from nothing: both are 'no deal you can read', and nothing of it is shown", async () => {
    expect(await previewRobotMessage(db, org.seller, email(), hiddenId)).toEqual({ state: "notFound", dealId: hiddenId });
    expect(await previewRobotMessage(db, org.seller, email(), 99_999_999)).toEqual({ state: "notFound", dealId: 99_999_999 });
    expect(await previewRobotMessage(db, org.other, email(), hiddenId)).toMatchObject({ state: "ready", deal: { title: "Bí mật" } });
  });

  it("picks a deal of the robot's stage the viewer may read when none is asked for; says so when the pipeline has none", async () => {
    expect(await previewRobotMessage(db, org.seller, email(), null)).toMatchObject({ state: "ready", deal: { id: dealId } });
    expect(await previewRobotMessage(db, org.seller, { ...email(), pipelineId: org.pipelines[1]!.id, stageId: org.stage(1, "NEW").id }, null)).toEqual({ state: "noDeal" });
  });

  it("has nothing to preview for a robot that sends no message", async () => {
    expect(await previewRobotMessage(db, org.seller, robot("comment", { text: "x" }), dealId)).toBeNull();
  });
});
