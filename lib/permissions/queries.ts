import "server-only";
import { asc, count, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, permissionLog, roleAssignments, rolePermissions, roles, users } from "@/db/schema";

export async function listRoles(db: Db, orgId: number) {
  return db
    .select({ id: roles.id, name: roles.name, clientRights: roles.clientRights, assignments: count(roleAssignments.id) })
    .from(roles)
    .leftJoin(roleAssignments, eq(roleAssignments.roleId, roles.id))
    .where(eq(roles.orgId, orgId))
    .groupBy(roles.id)
    .orderBy(asc(roles.id));
}

export async function getRoleRules(db: Db, orgId: number, roleId: number) {
  const rows = await db.select().from(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  return new Map(rows.filter((r) => r.orgId === orgId).map((r) => [r.pipelineId, r.settings]));
}

export async function getRoleAssignments(db: Db, orgId: number, roleId: number) {
  const rows = await db.select().from(roleAssignments).where(eq(roleAssignments.roleId, roleId));
  return rows.filter((r) => r.orgId === orgId);
}

export async function getDepartments(db: Db, orgId: number) {
  const [rows, members] = await Promise.all([
    db.select().from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.sort), asc(departments.name)),
    db.select({ departmentId: users.departmentId, n: count() }).from(users).where(eq(users.orgId, orgId)).groupBy(users.departmentId),
  ]);
  return rows.map((d) => ({ ...d, members: members.find((m) => m.departmentId === d.id)?.n ?? 0 }));
}
export type DepartmentRow = Awaited<ReturnType<typeof getDepartments>>[number];

/** Departments in tree order with their depth, for indented lists and parent pickers. */
export function treeOrder<T extends { id: number; parentId: number | null }>(rows: T[]): (T & { depth: number })[] {
  const out: (T & { depth: number })[] = [];
  const visit = (parentId: number | null, depth: number) => {
    for (const row of rows.filter((r) => r.parentId === parentId)) {
      if (out.some((o) => o.id === row.id)) continue;
      out.push({ ...row, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  // Anything unreachable (bad data) still shows, at the top level.
  for (const row of rows) if (!out.some((o) => o.id === row.id)) out.push({ ...row, depth: 0 });
  return out;
}

export async function getPermissionLog(db: Db, orgId: number, limit = 200) {
  return db
    .select({ entry: permissionLog, userName: users.name })
    .from(permissionLog)
    .leftJoin(users, eq(users.id, permissionLog.userId))
    .where(eq(permissionLog.orgId, orgId))
    .orderBy(desc(permissionLog.at), desc(permissionLog.id))
    .limit(limit);
}
