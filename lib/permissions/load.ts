import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, roleAssignments, rolePermissions, stages, users } from "@/db/schema";
import { combineRoles, noAccess, type Access, type RolePipelineSettings } from "./levels";
import type { Viewer } from "./index";

type Tree = { id: number; parentId: number | null }[];

/** A department and every department below it. */
export function subtree(tree: Tree, rootId: number): number[] {
  const result = [rootId];
  for (let i = 0; i < result.length; i++) for (const d of tree) if (d.parentId === result[i] && !result.includes(d.id)) result.push(d.id);
  return result;
}

/** A department and every department above it, nearest first. */
export function ancestors(tree: Tree, id: number): number[] {
  const result: number[] = [];
  let current: number | null = id;
  while (current !== null && !result.includes(current)) {
    result.push(current);
    current = tree.find((d) => d.id === current)?.parentId ?? null;
  }
  return result;
}

function readTree(db: Db, orgId: number): Promise<Tree> {
  return db.select({ id: departments.id, parentId: departments.parentId }).from(departments).where(eq(departments.orgId, orgId));
}

/** The roles that apply to a user: their own, their department's, and an ancestor department's given "with sub-departments". */
export async function roleIdsOf(db: Db, orgId: number, userId: number, departmentId: number | null, knownTree?: Tree): Promise<number[]> {
  const tree = !departmentId ? [] : (knownTree ?? (await readTree(db, orgId)));
  const above = departmentId ? ancestors(tree, departmentId).slice(1) : [];
  const rows = await db
    .select({ roleId: roleAssignments.roleId })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.orgId, orgId),
        or(
          eq(roleAssignments.userId, userId),
          departmentId ? eq(roleAssignments.departmentId, departmentId) : undefined,
          above.length ? and(inArray(roleAssignments.departmentId, above), eq(roleAssignments.withSubdepartments, true)) : undefined,
        ),
      ),
    );
  return [...new Set(rows.map((r) => r.roleId))];
}

/** Computes a user's effective permissions: a handful of small queries, once per request. */
export async function loadAccess(db: Db, user: { id: number; orgId: number; isAdmin: boolean; departmentId: number | null }): Promise<Access> {
  if (user.isAdmin) return { ...noAccess, superuser: true };
  const tree = await readTree(db, user.orgId);
  const below = user.departmentId ? subtree(tree, user.departmentId) : [];
  // Sequential: jobs load a viewer inside their transaction, whose one connection takes one query at a time.
  const roleIds = await roleIdsOf(db, user.orgId, user.id, user.departmentId, tree);
  const colleagues = below.length
    ? await db
        .select({ id: users.id, departmentId: users.departmentId })
        .from(users)
        .where(and(eq(users.orgId, user.orgId), isNotNull(users.departmentId), inArray(users.departmentId, below)))
    : [];
  const stageRows = await db.select({ id: stages.id, pipelineId: stages.pipelineId }).from(stages).where(eq(stages.orgId, user.orgId));
  const rules = roleIds.length
    ? await db.select({ pipelineId: rolePermissions.pipelineId, settings: rolePermissions.settings }).from(rolePermissions).where(inArray(rolePermissions.roleId, roleIds))
    : [];
  const byPipeline = new Map<number, RolePipelineSettings[]>();
  for (const rule of rules) byPipeline.set(rule.pipelineId, [...(byPipeline.get(rule.pipelineId) ?? []), rule.settings]);
  const pipelines: Access["pipelines"] = {};
  for (const [pipelineId, settings] of byPipeline) {
    pipelines[pipelineId] = combineRoles(
      settings,
      stageRows.filter((s) => s.pipelineId === pipelineId).map((s) => s.id),
    );
  }
  return {
    superuser: false,
    pipelines,
    departmentUserIds: colleagues.filter((c) => c.departmentId === user.departmentId).map((c) => c.id),
    subtreeUserIds: colleagues.map((c) => c.id),
  };
}

/** A Viewer for a user id (scripts, jobs, tests); pages get theirs from the session. */
export async function viewerFor(db: Db, userId: number): Promise<Viewer | null> {
  const [user] = await db
    .select({ id: users.id, orgId: users.orgId, name: users.name, isAdmin: users.isAdmin, departmentId: users.departmentId })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (!user) return null;
  return { ...user, access: await loadAccess(db, user) };
}
