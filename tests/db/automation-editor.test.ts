import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { dealRuns, pipelineRuns, retryFailedRun } from "@/lib/automation/log";
import type { RobotInput } from "@/lib/automation/robot-form";
import { copyRobot, createRobot, deleteRobot, getRobot, listRobots, moveRobot, setRobotEnabled, stageForNewRobot, updateRobot } from "@/lib/automation/robots";
import { createDeal } from "@/lib/deals/service";
import { createCustomField } from "@/lib/fields/service";
import type { Viewer } from "@/lib/permissions";
import { rolePresets, uniformLevels, type RolePipelineSettings } from "@/lib/permissions/levels";
import { viewerFor } from "@/lib/permissions/load";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
/** Configures automation (a role with the permission) but reads only their own deals, and may move deals only to "New". */
let automator: Viewer;
let budgetField: string;
let dateField: string;

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const stage = (code: string, pipeline = 0) => org.stage(pipeline, code);

let roleCount = 0;
async function userWithRole(name: string, settings: RolePipelineSettings): Promise<Viewer> {
  const [department] = await db.insert(s.departments).values({ orgId: org.orgId, name: `${name} team` }).returning();
  const [user] = await db.insert(s.users).values({ orgId: org.orgId, email: `${name}.${org.orgId}@test.local`, name, passwordHash: "x", departmentId: department!.id }).returning();
  const [role] = await db.insert(s.roles).values({ orgId: org.orgId, name: `Role ${++roleCount}` }).returning();
  await db.insert(s.rolePermissions).values(org.pipelines.map((p) => ({ orgId: org.orgId, roleId: role!.id, pipelineId: p.id, settings })));
  await db.insert(s.roleAssignments).values({ orgId: org.orgId, roleId: role!.id, userId: user!.id });
  return (await viewerFor(db, user!.id))!;
}

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  automator = await userWithRole("automator", { ...rolePresets.salesPerson, levels: uniformLevels("own"), transitions: [stage("NEW").id], automation: true });
  budgetField = `uf.${(await inTx((tx) => createCustomField(tx, org.admin, fieldInput({ label: "Budget", type: "string" }))).then((id) => db.select().from(s.customFields).where(eq(s.customFields.id, id))))[0]!.code}`;
  dateField = `uf.${(await inTx((tx) => createCustomField(tx, org.admin, fieldInput({ label: "Kick-off", type: "date" }))).then((id) => db.select().from(s.customFields).where(eq(s.customFields.id, id))))[0]!.code}`;
});
afterAll(() => handle.close());
beforeEach(async () => {
  await db.delete(s.robots);
  await db.delete(s.automationRuns);
});

const now = { mode: "now", workingHours: false, afterPrevious: false } as const;
function robotInput(overrides: Partial<RobotInput> = {}): RobotInput {
  return { name: "Welcome e-mail", kind: "email", config: { subject: "Xin chào", body: "Cảm ơn" }, timing: now, condition: null, keepOnLeave: false, ...overrides };
}
const add = (viewer: Viewer, stageId: number, input: Partial<RobotInput> = {}) => inTx((tx) => createRobot(tx, viewer, stageId, robotInput(input)));
const namesIn = async (stageId: number) => (await db.select({ name: s.robots.name }).from(s.robots).where(eq(s.robots.stageId, stageId)).orderBy(asc(s.robots.sort), asc(s.robots.id))).map((r) => r.name);
const fieldErrorsOf = async (promise: Promise<unknown>) => (await refusal(promise)).fieldErrors;

describe("saving robots", () => {
  it("adds robots at the end of their stage, authored by who saved them; editing makes the editor the author", async () => {
    const prep = stage("PREPARATION").id;
    const first = await add(org.admin, prep);
    const second = await add(automator, prep, { name: "Call them", kind: "task", config: { subject: "Gọi", description: "", assignee: { who: "responsible" }, deadlineIn: { amount: 1, unit: "days" } }, timing: { ...now, mode: "after", delay: { amount: 1, unit: "days" } } });
    expect(first).toMatchObject({ orgId: org.orgId, pipelineId: org.pipelines[0]!.id, stageId: prep, authorId: org.admin.id, enabled: true, kind: "email" });
    expect(second.authorId).toBe(automator.id);
    expect(await namesIn(prep)).toEqual(["Welcome e-mail", "Call them"]);

    const edited = await inTx((tx) => updateRobot(tx, automator, first.id, robotInput({ name: "Welcome (edited)", keepOnLeave: true })));
    expect(edited).toMatchObject({ name: "Welcome (edited)", authorId: automator.id, keepOnLeave: true, stageId: prep });
    expect((await inTx((tx) => getRobot(tx, org.admin, first.id)))!).toMatchObject({ authorName: "automator", authorActive: true });
    // The kind stays what it was.
    expect(await fieldErrorsOf(inTx((tx) => updateRobot(tx, org.admin, first.id, robotInput({ kind: "sms", config: { text: "x" } }))))).toEqual({ kind: "errors.unknownOption" });
  });

  it("refuses a sales person without the automation permission, and hides the pipeline's robots from them", async () => {
    const robot = await add(org.admin, stage("NEW").id);
    expect((await refusal(add(org.seller, stage("NEW").id))).code).toBe("forbidden");
    for (const attempt of [
      () => inTx((tx) => updateRobot(tx, org.seller, robot.id, robotInput())),
      () => inTx((tx) => copyRobot(tx, org.seller, robot.id, stage("NEW").id)),
      () => inTx((tx) => moveRobot(tx, org.seller, robot.id, "down")),
      () => inTx((tx) => setRobotEnabled(tx, org.seller, robot.id, false)),
      () => inTx((tx) => deleteRobot(tx, org.seller, robot.id)),
    ]) {
      expect((await refusal(attempt())).code).toBe("forbidden");
    }
    expect(await listRobots(db, org.seller, org.pipelines[0]!.id)).toEqual([]);
    expect(await getRobot(db, org.seller, robot.id)).toBeNull();
    expect(await stageForNewRobot(db, org.seller, stage("NEW").id)).toBeNull();
    expect(await db.$count(s.robots)).toBe(1);
  });

  it("refuses a stage of another org as if it did not exist, and another org's robot", async () => {
    const other = await makeOrg(db, "Other org");
    expect(await fieldErrorsOf(add(org.admin, other.stage(0, "NEW").id))).toEqual({ stageId: "errors.unknownOption" });
    expect(await stageForNewRobot(db, org.admin, other.stage(0, "NEW").id)).toBeNull();
    const theirs = await inTx((tx) => createRobot(tx, other.admin, other.stage(0, "NEW").id, robotInput()));
    expect((await refusal(inTx((tx) => updateRobot(tx, org.admin, theirs.id, robotInput())))).code).toBe("notFound");
    expect((await refusal(inTx((tx) => copyRobot(tx, org.admin, theirs.id, stage("NEW").id)))).code).toBe("notFound");
    expect(await getRobot(db, org.admin, theirs.id)).toBeNull();
    // A stage move or a user of the other org, inside an otherwise valid robot.
    expect(await fieldErrorsOf(add(org.admin, stage("NEW").id, { kind: "setStage", config: { stageId: other.stage(0, "WON").id } }))).toEqual({ targetStageId: "errors.unknownOption" });
    expect(await fieldErrorsOf(add(org.admin, stage("NEW").id, { kind: "addObservers", config: { userIds: [other.seller.id] } }))).toEqual({ userIds: "errors.unknownOption" });
  });

  it("checks stage moves against the pipeline and the author's transitions", async () => {
    const prep = stage("PREPARATION").id;
    const move = (viewer: Viewer, kind: "setStage" | "setPipeline", stageId: number) => add(viewer, prep, { kind, config: { stageId } });
    expect(await fieldErrorsOf(move(org.admin, "setStage", stage("NEW", 1).id))).toEqual({ targetStageId: "automation.errors.stageNotInPipeline" });
    expect(await fieldErrorsOf(move(org.admin, "setStage", prep))).toEqual({ targetStageId: "automation.errors.sameStage" });
    expect(await fieldErrorsOf(move(org.admin, "setPipeline", stage("WON").id))).toEqual({ targetStageId: "automation.errors.stageInSamePipeline" });
    expect(await fieldErrorsOf(move(automator, "setStage", stage("WON").id))).toEqual({ targetStageId: "automation.errors.transitionForbidden" });
    expect((await move(automator, "setStage", stage("NEW").id)).authorId).toBe(automator.id);
    expect((await move(org.admin, "setPipeline", stage("NEW", 1).id)).kind).toBe("setPipeline");
  });

  it("names only active users of the org", async () => {
    const [gone] = await db.insert(s.users).values({ orgId: org.orgId, email: `gone.${org.orgId}@test.local`, name: "Gone", passwordHash: "x", active: false }).returning();
    const task = (userId: number) => ({ kind: "task" as const, config: { subject: "S", description: "", assignee: { who: "user", userId }, deadlineIn: { amount: 1, unit: "days" } } });
    expect(await fieldErrorsOf(add(org.admin, stage("NEW").id, task(gone!.id)))).toEqual({ whoUserId: "errors.unknownOption" });
    expect(await fieldErrorsOf(add(org.admin, stage("NEW").id, { kind: "notify", config: { target: { who: "user", userId: gone!.id }, text: "x" } }))).toEqual({ whoUserId: "errors.unknownOption" });
    expect(await fieldErrorsOf(add(org.admin, stage("NEW").id, { kind: "setResponsible", config: { mode: "roundRobin", userIds: [org.seller.id, gone!.id] } }))).toEqual({ userIds: "errors.unknownOption" });
    expect((await add(org.admin, stage("NEW").id, task(org.seller.id))).config).toMatchObject({ assignee: { who: "user", userId: org.seller.id } });
  });

  it("knows the fields it sets, compares and counts from; the webhook is http(s)", async () => {
    const at = stage("NEW").id;
    const setFields = (values: Record<string, string>) => add(org.admin, at, { kind: "setFields", config: { values } });
    expect((await setFields({ title: "Renamed", [budgetField]: "5", sourceId: "WEB" })).kind).toBe("setFields");
    expect(await fieldErrorsOf(setFields({ title: "ok", stageId: "1", "uf.UF_CRM_NOPE": "x" }))).toEqual({ setCode2: "automation.errors.unknownField", setCode3: "automation.errors.unknownField" });

    const condition = (fields: string[]) => ({ op: "and" as const, items: fields.map((field) => ({ field, cmp: "notEmpty" as const })) });
    expect((await add(org.admin, at, { condition: condition(["amountBase", "company.title", "contact.email", budgetField, "stageId"]) })).condition).toBeTruthy();
    expect(await fieldErrorsOf(add(org.admin, at, { condition: condition(["title", "password", "uf.UF_CRM_DELETED"]) }))).toEqual({
      condField2: "automation.errors.unknownField",
      condField3: "automation.errors.unknownField",
    });

    const onDate = (field: string) => ({ timing: { ...now, mode: "dateField" as const, field, direction: "before" as const, delay: { amount: 2, unit: "days" as const } } });
    expect((await add(org.admin, at, onDate(dateField))).timing).toMatchObject({ field: dateField });
    expect((await add(org.admin, at, onDate("closeDate"))).timing).toMatchObject({ field: "closeDate" });
    expect(await fieldErrorsOf(add(org.admin, at, onDate(budgetField)))).toEqual({ dateField: "automation.errors.unknownField" });

    expect(await fieldErrorsOf(add(org.admin, at, { kind: "webhook", config: { url: "ftp://example.com/x", secret: "" } }))).toEqual({ url: "automation.errors.badUrl" });
    expect(await fieldErrorsOf(add(org.admin, at, { kind: "webhook", config: { url: "javascript:alert(1)", secret: "" } }))).toEqual({ url: "automation.errors.badUrl" });
  });

  it("refuses a config its kind's schema refuses", async () => {
    expect((await refusal(add(org.admin, stage("NEW").id, { kind: "email", config: { subject: "" } }))).code).toBe("invalid");
    expect((await refusal(add(org.admin, stage("NEW").id, { timing: { ...now, mode: "after", delay: { amount: -1, unit: "days" } } }))).code).toBe("invalid");
  });
});

describe("copying, ordering, switching and deleting", () => {
  it("copies to the same stage or another pipeline's, authored by who copied", async () => {
    const original = await add(org.admin, stage("NEW").id, { condition: { op: "and", items: [{ field: "title", cmp: "contains", value: "VIP" }] } });
    const here = await inTx((tx) => copyRobot(tx, automator, original.id, stage("NEW").id));
    const there = await inTx((tx) => copyRobot(tx, org.admin, original.id, stage("EXECUTING", 1).id));
    expect(here).toMatchObject({ name: original.name, kind: "email", stageId: original.stageId, authorId: automator.id, condition: original.condition });
    expect(here.sort).toBeGreaterThan(original.sort);
    expect(there).toMatchObject({ pipelineId: org.pipelines[1]!.id, stageId: stage("EXECUTING", 1).id, authorId: org.admin.id, config: original.config });
    // A copy is checked like any save: a stage move into another pipeline's stage is refused there.
    const mover = await add(org.admin, stage("NEW").id, { kind: "setStage", config: { stageId: stage("WON").id } });
    expect(await fieldErrorsOf(inTx((tx) => copyRobot(tx, org.admin, mover.id, stage("NEW", 1).id)))).toEqual({ targetStageId: "automation.errors.stageNotInPipeline" });
  });

  it("moves robots up and down within their stage; the ends stay put", async () => {
    const at = stage("EXECUTING").id;
    const [a, b, c] = [await add(org.admin, at, { name: "A" }), await add(org.admin, at, { name: "B" }), await add(org.admin, at, { name: "C" })];
    await inTx((tx) => moveRobot(tx, org.admin, c!.id, "up"));
    expect(await namesIn(at)).toEqual(["A", "C", "B"]);
    await inTx((tx) => moveRobot(tx, automator, a!.id, "down"));
    expect(await namesIn(at)).toEqual(["C", "A", "B"]);
    await inTx((tx) => moveRobot(tx, org.admin, c!.id, "up"));
    await inTx((tx) => moveRobot(tx, org.admin, b!.id, "down"));
    expect(await namesIn(at)).toEqual(["C", "A", "B"]);
    expect((await listRobots(db, org.admin, org.pipelines[0]!.id)).map((r) => r.name)).toEqual(["C", "A", "B"]);
  });

  it("switches a robot off and on; switching on is a save by the one who does it", async () => {
    const robot = await add(org.admin, stage("NEW").id);
    await inTx((tx) => setRobotEnabled(tx, automator, robot.id, false));
    let [row] = await db.select().from(s.robots).where(eq(s.robots.id, robot.id));
    expect(row).toMatchObject({ enabled: false, authorId: org.admin.id });
    await inTx((tx) => setRobotEnabled(tx, automator, robot.id, true));
    [row] = await db.select().from(s.robots).where(eq(s.robots.id, robot.id));
    expect(row).toMatchObject({ enabled: true, authorId: automator.id });
    // …and is checked as one: the automator may not switch on a robot that moves deals where they may not.
    const mover = await add(org.admin, stage("NEW").id, { kind: "setStage", config: { stageId: stage("WON").id } });
    await inTx((tx) => setRobotEnabled(tx, org.admin, mover.id, false));
    expect(await fieldErrorsOf(inTx((tx) => setRobotEnabled(tx, automator, mover.id, true)))).toEqual({ targetStageId: "automation.errors.transitionForbidden" });
  });

  it("deletes a robot; its runs stay in the log", async () => {
    const robot = await add(org.admin, stage("EXECUTING").id);
    const deal = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: stage("FINAL_INVOICE").id, title: "Logged" })));
    await db.insert(s.automationRuns).values({ orgId: org.orgId, dealId: deal, robotId: robot.id, name: robot.name, kind: robot.kind, stageId: robot.stageId, status: "ran" });
    expect(await inTx((tx) => deleteRobot(tx, org.admin, robot.id))).toBe(org.pipelines[0]!.id);
    expect(await db.$count(s.robots, eq(s.robots.id, robot.id))).toBe(0);
    expect((await dealRuns(db, org.admin, deal)).map((r) => [r.name, r.robotId, r.authorName])).toEqual([["Welcome e-mail", null, null]]);
    expect((await refusal(inTx((tx) => deleteRobot(tx, org.admin, robot.id)))).code).toBe("notFound");
  });
});

describe("the automation log", () => {
  async function logDeal(title: string, assignedById: number, opened: boolean) {
    return inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: stage("FINAL_INVOICE").id, title, assignedById, opened })));
  }
  async function logRuns(dealId: number, statuses: s.AutomationRunStatus[], robot: { id: number; name: string; authorId: number } | null = null, stageId = stage("FINAL_INVOICE").id) {
    for (const status of statuses) {
      await db.insert(s.automationRuns).values({ orgId: org.orgId, dealId, robotId: robot?.id ?? null, name: robot?.name ?? "Gone robot", kind: "email", stageId, status, detail: status === "failed" ? JSON.stringify({ key: "automation.detail.unexpected" }) : null });
    }
  }

  it("shows a deal's runs newest first with who configured them, only to who may read the deal", async () => {
    // The deal first: a robot already there would run (the real outbox) when the deal is created.
    const hidden = await logDeal("Private to admin", org.admin.id, false);
    const robot = await add(automator, stage("FINAL_INVOICE").id, { name: "Nhắc thanh toán" });
    await logRuns(hidden, ["ran", "skipped", "pending"], robot);
    const runs = await dealRuns(db, org.admin, hidden);
    expect(runs.map((r) => r.status)).toEqual(["pending", "skipped", "ran"]);
    expect(runs[0]).toMatchObject({ name: "Nhắc thanh toán", authorName: "automator", dealTitle: "Private to admin", pipelineId: org.pipelines[0]!.id });
    // The automator configured the robot but may not read the deal: none of its runs.
    expect(await dealRuns(db, automator, hidden)).toEqual([]);
    expect(await dealRuns(db, org.seller, hidden)).toEqual([]);
  });

  it("lists a pipeline's runs for who configures it, without deals they may not read, by status, a page at a time", async () => {
    const hidden = await logDeal("Hidden from automator", org.admin.id, false);
    const own = await logDeal("Automator's own", automator.id, false);
    await logRuns(hidden, ["failed", "ran"]);
    await logRuns(own, ["ran", "failed", "ran", "cancelled", "ran"]);
    await logRuns(own, ["ran"], null, stage("NEW", 1).id);
    const pipelineId = org.pipelines[0]!.id;

    const everything = await pipelineRuns(db, org.admin, { pipelineId, status: null, after: null });
    expect(everything.entries).toHaveLength(7);
    expect(everything.next).toBeNull();

    const titles = (page: { entries: { dealTitle: string }[] }) => [...new Set(page.entries.map((e) => e.dealTitle))];
    const mine = await pipelineRuns(db, automator, { pipelineId, status: null, after: null });
    expect(titles(mine)).toEqual(["Automator's own"]);
    expect(mine.entries).toHaveLength(5);

    const failed = await pipelineRuns(db, automator, { pipelineId, status: "failed", after: null });
    expect(failed.entries.map((e) => [e.dealTitle, e.status])).toEqual([["Automator's own", "failed"]]);

    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof pipelineRuns>> = await pipelineRuns(db, automator, { pipelineId, status: null, after, limit: 2 });
      seen.push(...page.entries.map((e) => e.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual(mine.entries.map((e) => e.id));

    // A forged cursor is the first page; a viewer without the permission sees nothing.
    expect((await pipelineRuns(db, automator, { pipelineId, status: null, after: "garbage", limit: 2 })).entries.map((e) => e.id)).toEqual(seen.slice(0, 2));
    expect(await pipelineRuns(db, org.seller, { pipelineId, status: null, after: null })).toEqual({ entries: [], next: null });
    expect((await pipelineRuns(db, org.admin, { pipelineId: org.pipelines[1]!.id, status: null, after: null })).entries).toHaveLength(1);
  });

  it("retries a failed run for who configures its pipeline and reads its deal", async () => {
    const hidden = await logDeal("Retry hidden", org.admin.id, false);
    const own = await logDeal("Retry own", automator.id, false);
    await logRuns(hidden, ["failed"]);
    await logRuns(own, ["failed", "ran"]);
    const [hiddenRun] = await dealRuns(db, org.admin, hidden);
    const [ranRun, failedRun] = await dealRuns(db, automator, own);
    expect((await refusal(inTx((tx) => retryFailedRun(tx, automator, hiddenRun!.id)))).code).toBe("notFound");
    expect((await refusal(inTx((tx) => retryFailedRun(tx, org.seller, failedRun!.id)))).code).toBe("notFound");
    expect((await refusal(inTx((tx) => retryFailedRun(tx, automator, ranRun!.id)))).messageKey).toBe("automation.errors.notFailed");
    await inTx((tx) => retryFailedRun(tx, automator, failedRun!.id));
    const [row] = await db.select().from(s.automationRuns).where(eq(s.automationRuns.id, failedRun!.id));
    expect(row).toMatchObject({ status: "pending", detail: null });
  });
});
