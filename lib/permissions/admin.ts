import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, permissionLog, roleAssignments, rolePermissions, roles } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { subtree } from "./load";
import { assertOrgIds } from "@/lib/org/references";
import type { ClientRights, RolePipelineSettings } from "./levels";
import { diffRules } from "./rules-form";
import { requireSetUp, type Viewer } from "./index";

/**
 * Changing who may do what: roles, their rules, assignments and departments. Only org
 * administrators may; every change is written to the permission log in the same transaction.
 */



async function log(db: Db, viewer: Viewer, action: string, subject: string, details: unknown): Promise<void> {
  await db.insert(permissionLog).values({ orgId: viewer.orgId, userId: viewer.id, action, subject, details });
}

async function roleOf(db: Db, viewer: Viewer, roleId: number) {
  const [role] = await db.select().from(roles).where(and(eq(roles.orgId, viewer.orgId), eq(roles.id, roleId)));
  if (!role) throw new ActionError("notFound", "errors.notFoundGeneric");
  return role;
}

async function assertNameFree(db: Db, orgId: number, name: string, exceptRoleId?: number): Promise<void> {
  const [taken] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.orgId, orgId), eq(roles.name, name), exceptRoleId ? ne(roles.id, exceptRoleId) : undefined));
  if (taken) throw new ActionError("invalid", "errors.invalid", undefined, { name: "errors.nameTaken" });
}

/** Saves a role's rules per pipeline and, when given, its client rights; returns how many pipelines changed. */
export async function saveRoleRules(db: Db, viewer: Viewer, roleId: number, rules: Map<number, RolePipelineSettings>, clients?: ClientRights): Promise<number> {
  requireSetUp(viewer);
  const role = await roleOf(db, viewer, roleId);
  if (clients && (clients.add !== role.clientRights.add || clients.details !== role.clientRights.details)) {
    await db.update(roles).set({ clientRights: clients }).where(eq(roles.id, roleId));
    await log(db, viewer, "clients.update", role.name, { old: role.clientRights, new: clients });
  }
  const current = await db.select().from(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  const changes: { pipelineId: number; changes: ReturnType<typeof diffRules> }[] = [];
  for (const [pipelineId, settings] of rules) {
    const before = current.find((r) => r.pipelineId === pipelineId)?.settings;
    const diff = diffRules(before, settings);
    if (diff.length === 0) continue;
    changes.push({ pipelineId, changes: diff });
    await db
      .insert(rolePermissions)
      .values({ orgId: viewer.orgId, roleId, pipelineId, settings })
      .onConflictDoUpdate({ target: [rolePermissions.roleId, rolePermissions.pipelineId], set: { settings } });
  }
  if (changes.length) await log(db, viewer, "rules.update", role.name, changes);
  return changes.length;
}

export async function createRole(db: Db, viewer: Viewer, name: string, cloneFromId: number | null): Promise<number> {
  requireSetUp(viewer);
  await assertNameFree(db, viewer.orgId, name);
  const source = cloneFromId ? await roleOf(db, viewer, cloneFromId) : null;
  // A new role may do nothing until given rules, with clients as with deals.
  const clientRights = source?.clientRights ?? { add: false, details: false };
  const [role] = await db.insert(roles).values({ orgId: viewer.orgId, name, clientRights }).returning({ id: roles.id });
  if (source) {
    const rules = await db.select().from(rolePermissions).where(eq(rolePermissions.roleId, source.id));
    if (rules.length) await db.insert(rolePermissions).values(rules.map((r) => ({ ...r, roleId: role!.id })));
  }
  await log(db, viewer, source ? "role.clone" : "role.create", name, source ? { from: source.name } : {});
  return role!.id;
}

export async function renameRole(db: Db, viewer: Viewer, roleId: number, name: string): Promise<void> {
  requireSetUp(viewer);
  const role = await roleOf(db, viewer, roleId);
  if (role.name === name) return;
  await assertNameFree(db, viewer.orgId, name, roleId);
  await db.update(roles).set({ name }).where(eq(roles.id, roleId));
  await log(db, viewer, "role.rename", name, { old: role.name, new: name });
}

export async function deleteRole(db: Db, viewer: Viewer, roleId: number): Promise<void> {
  requireSetUp(viewer);
  const role = await roleOf(db, viewer, roleId);
  await db.delete(roles).where(eq(roles.id, roleId));
  await log(db, viewer, "role.delete", role.name, {});
}

/** Replaces a role's assignments with the given users and departments. */
export async function setRoleAssignments(db: Db, viewer: Viewer, roleId: number, userIds: number[], departmentList: { id: number; withSubdepartments: boolean }[]): Promise<void> {
  requireSetUp(viewer);
  const role = await roleOf(db, viewer, roleId);
  await assertOrgIds(db, viewer.orgId, "users", userIds, "users", { activeUsersOnly: false });
  await assertOrgIds(db, viewer.orgId, "departments", departmentList.map((d) => d.id), "departments");
  const before = await db.select().from(roleAssignments).where(eq(roleAssignments.roleId, roleId));
  await db.delete(roleAssignments).where(eq(roleAssignments.roleId, roleId));
  const rows = [
    ...[...new Set(userIds)].map((userId) => ({ orgId: viewer.orgId, roleId, userId })),
    ...departmentList.map((d) => ({ orgId: viewer.orgId, roleId, departmentId: d.id, withSubdepartments: d.withSubdepartments })),
  ];
  if (rows.length) await db.insert(roleAssignments).values(rows);
  const describe = (list: { userId: number | null; departmentId: number | null; withSubdepartments: boolean }[]) =>
    list.map((a) => (a.userId ? `user ${a.userId}` : `department ${a.departmentId}${a.withSubdepartments ? " +sub" : ""}`)).sort();
  const old = describe(before);
  const now = describe(rows.map((r) => ({ userId: "userId" in r ? r.userId : null, departmentId: "departmentId" in r ? r.departmentId : null, withSubdepartments: "withSubdepartments" in r ? r.withSubdepartments : false })));
  if (JSON.stringify(old) !== JSON.stringify(now)) await log(db, viewer, "role.assign", role.name, { old, new: now });
}

async function departmentOf(db: Db, viewer: Viewer, id: number) {
  const [department] = await db.select().from(departments).where(and(eq(departments.orgId, viewer.orgId), eq(departments.id, id)));
  if (!department) throw new ActionError("notFound", "errors.notFoundGeneric");
  return department;
}

async function checkHead(db: Db, orgId: number, headUserId: number | null): Promise<void> {
  if (headUserId !== null) await assertOrgIds(db, orgId, "users", [headUserId], "headUserId", { activeUsersOnly: false });
}

export async function createDepartment(db: Db, viewer: Viewer, input: { name: string; parentId: number | null; headUserId: number | null }): Promise<number> {
  requireSetUp(viewer);
  if (input.parentId) await departmentOf(db, viewer, input.parentId);
  await checkHead(db, viewer.orgId, input.headUserId);
  const [row] = await db.insert(departments).values({ orgId: viewer.orgId, ...input }).returning({ id: departments.id });
  await log(db, viewer, "department.create", input.name, input);
  return row!.id;
}

export async function updateDepartment(db: Db, viewer: Viewer, id: number, input: { name: string; parentId: number | null; headUserId: number | null }): Promise<void> {
  requireSetUp(viewer);
  const department = await departmentOf(db, viewer, id);
  if (input.parentId !== null) {
    await departmentOf(db, viewer, input.parentId);
    const tree = await db.select({ id: departments.id, parentId: departments.parentId }).from(departments).where(eq(departments.orgId, viewer.orgId));
    // A department cannot move under itself or one of its own sub-departments.
    if (subtree(tree, id).includes(input.parentId)) throw new ActionError("invalid", "errors.invalid", undefined, { parentId: "errors.departmentCycle" });
  }
  await checkHead(db, viewer.orgId, input.headUserId);
  await db.update(departments).set(input).where(eq(departments.id, id));
  const changes = (["name", "parentId", "headUserId"] as const).filter((k) => department[k] !== input[k]).map((k) => ({ field: k, old: department[k], new: input[k] }));
  if (changes.length) await log(db, viewer, "department.update", input.name, changes);
}

export async function deleteDepartment(db: Db, viewer: Viewer, id: number): Promise<void> {
  requireSetUp(viewer);
  const department = await departmentOf(db, viewer, id);
  const [children] = await db.select({ n: count() }).from(departments).where(eq(departments.parentId, id));
  if (children!.n > 0) throw new ActionError("invalid", "errors.departmentHasChildren");
  // Members stay, without a department; the role assignments of the department go with it.
  await db.delete(departments).where(eq(departments.id, id));
  await log(db, viewer, "department.delete", department.name, {});
}
