import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { createDeal, updateDeal } from "@/lib/deals/service";
import { listedRows } from "../helpers/list";
import { createDepartment, createRole, deleteDepartment, deleteRole, renameRole, saveRoleRules, setRoleAssignments, updateDepartment } from "@/lib/permissions/admin";
import { rolePresets } from "@/lib/permissions/levels";
import { viewerFor } from "@/lib/permissions/load";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const code = (promise: Promise<unknown>) => promise.then(() => "ok", (e: unknown) => (e instanceof ActionError ? e.code : String(e)));
const logOf = async (action: string) => db.select().from(s.permissionLog).where(and(eq(s.permissionLog.orgId, org.orgId), eq(s.permissionLog.action, action)));

describe("rules", () => {
  it("restricting a role changes what its members see at once, and is logged with old → new", async () => {
    const mine = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, opened: false })));
    const othersOpen = await inTx((tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "NEW").id, opened: true })));
    const before = (await listedRows(db, org.seller)).map((r) => r.id);
    expect(before).toEqual(expect.arrayContaining([mine, othersOpen]));

    const ownOnly = { ...rolePresets.salesPerson, levels: { ...rolePresets.salesPerson.levels, READ: "own" as const }, transitions: [org.stage(0, "PREPARATION").id] };
    const changed = await inTx((tx) => saveRoleRules(tx, org.admin, org.roleIds.salesPerson, new Map([[org.pipelines[0]!.id, ownOnly]])));
    expect(changed).toBe(1);
    const seller = (await viewerFor(db, org.seller.id))!;
    const after = (await listedRows(db, seller)).map((r) => r.id);
    expect(after).toContain(mine);
    expect(after).not.toContain(othersOpen);

    // The transition rule: PREPARATION allowed, WON refused with the stage's name.
    await inTx((tx) => updateDeal(tx, seller, mine, 1, dealInput({ stageId: org.stage(0, "PREPARATION").id, opened: false })));
    const refused = await inTx((tx) => updateDeal(tx, seller, mine, 2, dealInput({ stageId: org.stage(0, "WON").id, opened: false }))).catch((e: ActionError) => e);
    expect(refused).toMatchObject({ code: "forbidden", messageKey: "errors.transitionForbidden", vars: { stage: "Deal won" } });

    const [entry] = await logOf("rules.update");
    expect(entry!.userId).toBe(org.admin.id);
    expect(entry!.subject).toBe("Sales person");
    expect(entry!.details).toEqual([{ pipelineId: org.pipelines[0]!.id, changes: expect.arrayContaining([{ path: "READ", old: "open", new: "own" }]) }]);
  });

  it("writes nothing and logs nothing when the rules did not change", async () => {
    const count = (await logOf("rules.update")).length;
    const current = (await db.select().from(s.rolePermissions).where(eq(s.rolePermissions.roleId, org.roleIds.salesPerson)))[0]!;
    expect(await inTx((tx) => saveRoleRules(tx, org.admin, org.roleIds.salesPerson, new Map([[current.pipelineId, current.settings]])))).toBe(0);
    expect((await logOf("rules.update")).length).toBe(count);
  });

  it("hides amounts from the database outward", async () => {
    const id = await inTx((tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(1, "NEW").id, amount: "777" })));
    await inTx((tx) => saveRoleRules(tx, org.admin, org.roleIds.salesPerson, new Map([[org.pipelines[1]!.id, { ...rolePresets.salesPerson, hideAmounts: true }]])));
    const seller = (await viewerFor(db, org.seller.id))!;
    const row = (await listedRows(db, seller)).find((r) => r.id === id)!;
    expect(row.amount).toBeNull();
    // Saving the deal without an amount keeps the stored one.
    await inTx((tx) => updateDeal(tx, seller, id, 1, dealInput({ stageId: org.stage(1, "NEW").id, amount: "1", title: "renamed" })));
    expect((await db.select().from(s.deals).where(eq(s.deals.id, id)))[0]!.amount).toBe("777.00");
  });

  it("refuses everyone but administrators", async () => {
    expect(await code(inTx((tx) => saveRoleRules(tx, org.seller, org.roleIds.salesPerson, new Map())))).toBe("forbidden");
    expect(await code(inTx((tx) => createRole(tx, org.seller, "Sneaky", null)))).toBe("forbidden");
    expect(await code(inTx((tx) => createDepartment(tx, org.seller, { name: "x", parentId: null, headUserId: null })))).toBe("forbidden");
  });

  it("client rights are saved with the rules, logged, copied by a clone, and none for a new role", async () => {
    const { mayAddClients, mayReadClientDetails } = await import("@/lib/permissions");
    const rules = new Map([[org.pipelines[0]!.id, rolePresets.salesPerson]]);
    await inTx((tx) => saveRoleRules(tx, org.admin, org.roleIds.salesPerson, rules, { add: false, details: false }));
    const seller = (await viewerFor(db, org.seller.id))!;
    expect([mayAddClients(seller), mayReadClientDetails(seller)]).toEqual([false, false]);
    expect((await logOf("clients.update")).at(-1)?.details).toEqual({ old: { add: true, details: true }, new: { add: false, details: false } });
    const clone = await inTx((tx) => createRole(tx, org.admin, "Clone of sales", org.roleIds.salesPerson));
    const blank = await inTx((tx) => createRole(tx, org.admin, "Blank role", null));
    const rights = async (id: number) => (await db.select({ r: s.roles.clientRights }).from(s.roles).where(eq(s.roles.id, id)))[0]!.r;
    expect(await rights(clone)).toEqual({ add: false, details: false });
    expect(await rights(blank)).toEqual({ add: false, details: false });
    expect(await code(inTx((tx) => saveRoleRules(tx, org.seller, org.roleIds.salesPerson, rules, { add: true, details: true })))).toBe("forbidden");
    await inTx((tx) => saveRoleRules(tx, org.admin, org.roleIds.salesPerson, rules, { add: true, details: true }));
  });
});

describe("roles", () => {
  it("creates, clones with the rules, renames (names are unique) and deletes", async () => {
    const clone = await inTx((tx) => createRole(tx, org.admin, "Sales person (copy)", org.roleIds.salesPerson));
    const cloned = await db.select().from(s.rolePermissions).where(eq(s.rolePermissions.roleId, clone));
    const source = await db.select().from(s.rolePermissions).where(eq(s.rolePermissions.roleId, org.roleIds.salesPerson));
    expect(cloned.map((r) => r.settings)).toEqual(source.map((r) => r.settings));
    expect(await code(inTx((tx) => renameRole(tx, org.admin, clone, "Sales head")))).toBe("invalid");
    await inTx((tx) => renameRole(tx, org.admin, clone, "Interns"));
    await inTx((tx) => deleteRole(tx, org.admin, clone));
    expect(await db.$count(s.roles, eq(s.roles.id, clone))).toBe(0);
    expect((await logOf("role.rename"))[0]!.details).toEqual({ old: "Sales person (copy)", new: "Interns" });
    expect(await logOf("role.delete")).toHaveLength(1);
  });

  it("assigns roles to users and departments, refusing ids from other orgs", async () => {
    const stranger = await makeOrg(db, "Stranger");
    expect(await code(inTx((tx) => setRoleAssignments(tx, org.admin, org.roleIds.readOnly, [stranger.seller.id], [])))).toBe("invalid");
    await inTx((tx) => setRoleAssignments(tx, org.admin, org.roleIds.readOnly, [org.other.id], [{ id: org.departments.teamA.id, withSubdepartments: true }]));
    const rows = await db.select().from(s.roleAssignments).where(eq(s.roleAssignments.roleId, org.roleIds.readOnly));
    expect(rows.map((r) => [r.userId, r.departmentId, r.withSubdepartments]).sort()).toEqual(
      [
        [org.other.id, null, false],
        [null, org.departments.teamA.id, true],
      ].sort(),
    );
    // Read-only gives READ all: "other" now reads the seller's private deals.
    const other = (await viewerFor(db, org.other.id))!;
    expect(other.access.pipelines[org.pipelines[0]!.id]!.stages[org.stage(0, "NEW").id]!.READ).toBe("all");
  });
});

describe("departments", () => {
  it("creates, moves and renames, refusing cycles; deletes only leaves", async () => {
    const child = await inTx((tx) => createDepartment(tx, org.admin, { name: "Team A1", parentId: org.departments.teamA.id, headUserId: org.seller.id }));
    expect(await code(inTx((tx) => updateDepartment(tx, org.admin, org.departments.teamA.id, { name: "Team A", parentId: child, headUserId: null })))).toBe("invalid");
    expect(await code(inTx((tx) => deleteDepartment(tx, org.admin, org.departments.teamA.id)))).toBe("invalid");
    await inTx((tx) => updateDepartment(tx, org.admin, child, { name: "Team B", parentId: org.departments.sales.id, headUserId: null }));
    expect((await db.select().from(s.departments).where(eq(s.departments.id, child)))[0]).toMatchObject({ name: "Team B", parentId: org.departments.sales.id, headUserId: null });
    await inTx((tx) => deleteDepartment(tx, org.admin, child));
    expect((await logOf("department.update"))[0]!.details).toEqual([
      { field: "name", old: "Team A1", new: "Team B" },
      { field: "parentId", old: org.departments.teamA.id, new: org.departments.sales.id },
      { field: "headUserId", old: org.seller.id, new: null },
    ]);
  });
});
