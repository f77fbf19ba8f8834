import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { departments, roleAssignments, rolePermissions, roles, stages, users } from "@/db/schema";
import { combineClientRights, combineRoles, noAccess, type Access, type ClientRights, type RolePipelineSettings } from "./levels";
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

type AccessFacts = {
  colleagues: { id: number; departmentId: number }[];
  stages: { id: number; pipelineId: number }[];
  rules: { pipelineId: number; settings: RolePipelineSettings }[];
  clients: ClientRights[];
};

/**
 * Computes a user's effective permissions, once per request, in one round trip: the roles that
 * apply (own, department's, an ancestor's "with sub-departments"), their rules, the org's stages
 * and the colleagues in the user's department subtree. Every page and action pays for this, and a
 * sales person's used to take five queries one after the other.
 */
export async function loadAccess(db: Db, user: { id: number; orgId: number; isAdmin: boolean; departmentId: number | null }): Promise<Access> {
  if (user.isAdmin) return { ...noAccess, superuser: true, clients: { add: true, details: true } };
  const dept = user.departmentId;
  // The recursive parts use UNION, not UNION ALL, so a cycle in a corrupted tree ends instead of looping.
  const [facts] = await queryRows<AccessFacts>(
    db,
    sql`with recursive
      tree as (select id, parent_id from ${departments} where org_id = ${user.orgId}),
      up as (select id, parent_id from tree where id = ${dept}::int union select t.id, t.parent_id from tree t join up on t.id = up.parent_id),
      down as (select ${dept}::int as id where ${dept}::int is not null union select t.id from tree t join down on t.parent_id = down.id),
      applied as (
        select distinct role_id from ${roleAssignments}
        where org_id = ${user.orgId}
          and (user_id = ${user.id} or department_id = ${dept}::int
               or (with_subdepartments and department_id in (select id from up where id <> ${dept}::int)))
      )
    select
      (select coalesce(json_agg(json_build_object('id', u.id, 'departmentId', u.department_id) order by u.id), '[]'::json)
         from ${users} u where u.org_id = ${user.orgId} and u.department_id in (select id from down)) as colleagues,
      (select coalesce(json_agg(json_build_object('id', s.id, 'pipelineId', s.pipeline_id) order by s.sort, s.id), '[]'::json)
         from ${stages} s where s.org_id = ${user.orgId}) as stages,
      (select coalesce(json_agg(json_build_object('pipelineId', p.pipeline_id, 'settings', p.settings) order by p.role_id), '[]'::json)
         from ${rolePermissions} p where p.role_id in (select role_id from applied)) as rules,
      (select coalesce(json_agg(r.client_rights), '[]'::json)
         from ${roles} r where r.id in (select role_id from applied)) as clients`,
  );
  const { colleagues, stages: stageRows, rules, clients } = facts!;
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
    clients: combineClientRights(clients),
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
