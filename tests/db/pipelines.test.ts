import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { Db } from "@/db/client";
import { createDeal } from "@/lib/deals/service";
import { carryOver, createPipeline, deletePipeline, makeDefaultPipeline, movePipeline, renamePipeline } from "@/lib/pipelines/pipelines";
import { setRequiredFields } from "@/lib/deals/required/service";
import { viewerFor } from "@/lib/permissions/load";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const orgPipelines = () => db.select().from(s.pipelines).where(eq(s.pipelines.orgId, org.orgId)).orderBy(s.pipelines.sort, s.pipelines.id);

describe("pipelines in settings", () => {
  it("creates a pipeline with the usual stages, last in order, and each role's rules carried over by stage code", async () => {
    // A rule of the sales person's role that differs at one stage and allows two moves, on the default pipeline.
    const model = org.pipelines[0]!;
    const [rule] = await db.select().from(s.rolePermissions).where(and(eq(s.rolePermissions.roleId, org.roleIds.salesPerson), eq(s.rolePermissions.pipelineId, model.id)));
    const won = org.stage(0, "WON").id;
    const settings = { ...rule!.settings, stageLevels: { [String(won)]: { READ: "own" as const } }, transitions: [org.stage(0, "NEW").id, won] };
    await db.update(s.rolePermissions).set({ settings }).where(and(eq(s.rolePermissions.roleId, org.roleIds.salesPerson), eq(s.rolePermissions.pipelineId, model.id)));

    const id = await inTransaction(db, (tx) => createPipeline(tx, org.admin, "Dự án lớn"));
    const all = await orgPipelines();
    expect(all.at(-1)!.id).toBe(id);
    expect(all.find((p) => p.id === id)!.isDefault).toBe(false);
    const created = await db.select().from(s.stages).where(eq(s.stages.pipelineId, id));
    expect(created.map((st) => st.code).sort()).toEqual(org.pipelines[0]!.stages.map((st) => st.code).sort());
    const [copied] = await db.select().from(s.rolePermissions).where(and(eq(s.rolePermissions.roleId, org.roleIds.salesPerson), eq(s.rolePermissions.pipelineId, id)));
    const newWon = created.find((st) => st.code === "WON")!.id;
    expect(copied!.settings.stageLevels).toEqual({ [String(newWon)]: { READ: "own" } });
    expect(copied!.settings.transitions).toEqual([created.find((st) => st.code === "NEW")!.id, newWon]);
    // The sales person now reads the new pipeline as the default one.
    const seller = (await viewerFor(db, org.seller.id))!;
    expect(Object.keys(seller.access.pipelines)).toContain(String(id));
    expect(carryOver({ ...settings, transitions: "any" }, new Map()).transitions).toBe("any");
  });

  it("renames (refusing a name taken, whatever its case), reorders and changes the default", async () => {
    const id = await inTransaction(db, (tx) => createPipeline(tx, org.admin, "Tạm"));
    expect((await refusal(inTransaction(db, (tx) => renamePipeline(tx, org.admin, id, "sales")))).messageKey).toBe("pipelines.duplicateName");
    await inTransaction(db, (tx) => renamePipeline(tx, org.admin, id, "Bảo hành"));
    await inTransaction(db, (tx) => movePipeline(tx, org.admin, id, "up"));
    const order = (await orgPipelines()).map((p) => p.id);
    expect(order.indexOf(id)).toBe(order.length - 2);
    await inTransaction(db, (tx) => makeDefaultPipeline(tx, org.admin, id));
    expect((await orgPipelines()).filter((p) => p.isDefault).map((p) => p.id)).toEqual([id]);
    await inTransaction(db, (tx) => makeDefaultPipeline(tx, org.admin, org.pipelines[0]!.id));
    expect((await refusal(inTransaction(db, (tx) => createPipeline(tx, org.seller, "Không được")))).messageKey).toBe("errors.forbidden");
  });

  it("deletes a pipeline only after its deals moved to a stage of another one, with history and what that stage requires", async () => {
    const id = await inTransaction(db, (tx) => createPipeline(tx, org.admin, "Sắp xóa"));
    const [first] = await db.select().from(s.stages).where(and(eq(s.stages.pipelineId, id), eq(s.stages.code, "NEW")));
    const dealId = await inTransaction(db, (tx) => createDeal(tx, org.admin, dealInput({ stageId: first!.id, amount: "0" })));
    expect((await refusal(inTransaction(db, (tx) => deletePipeline(tx, org.admin, org.pipelines[0]!.id, null)))).messageKey).toBe("pipelines.isDefault");
    expect((await refusal(inTransaction(db, (tx) => deletePipeline(tx, org.admin, id, null)))).messageKey).toBe("pipelines.chooseTarget");
    expect((await refusal(inTransaction(db, (tx) => deletePipeline(tx, org.admin, id, first!.id)))).messageKey).toBe("pipelines.badTarget");
    const target = org.stage(1, "PREPARATION");
    await inTransaction(db, (tx) => setRequiredFields(tx, org.orgId, target.id, ["amount"]));
    expect((await refusal(inTransaction(db, (tx) => deletePipeline(tx, org.admin, id, target.id)))).messageKey).toBe("stages.targetRequires");
    await inTransaction(db, (tx) => setRequiredFields(tx, org.orgId, target.id, []));
    await inTransaction(db, (tx) => deletePipeline(tx, org.admin, id, target.id));
    const [moved] = await db.select().from(s.deals).where(eq(s.deals.id, dealId));
    expect([moved!.pipelineId, moved!.stageId]).toEqual([target.pipelineId, target.id]);
    const history = await db.select().from(s.stageHistory).where(eq(s.stageHistory.dealId, dealId)).orderBy(s.stageHistory.id);
    expect(history.at(-1)).toMatchObject({ typeId: 5, pipelineId: target.pipelineId, stageId: target.id });
    // The funnel knows the deal reached the new pipeline's stages up to that one.
    const reach = await db.select({ stageId: s.dealStageReach.stageId }).from(s.dealStageReach).where(and(eq(s.dealStageReach.dealId, dealId), eq(s.dealStageReach.pipelineId, target.pipelineId)));
    expect(reach.map((r) => r.stageId).sort()).toEqual([org.stage(1, "NEW").id, target.id].sort());
    expect(await db.select().from(s.pipelines).where(eq(s.pipelines.id, id))).toEqual([]);
  });

  it("keeps a pipeline a web form puts deals into", async () => {
    const id = await inTransaction(db, (tx) => createPipeline(tx, org.admin, "Web"));
    const [first] = await db.select().from(s.stages).where(and(eq(s.stages.pipelineId, id), eq(s.stages.code, "NEW")));
    await db.insert(s.webForms).values({ orgId: org.orgId, name: "Liên hệ", pipelineId: id, stageId: first!.id, responsibleId: org.admin.id, authorId: org.admin.id, secret: "s".repeat(32) });
    expect((await refusal(inTransaction(db, (tx) => deletePipeline(tx, org.admin, id, null)))).messageKey).toBe("pipelines.webForm");
  });
});
