import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, departments, pipelines, stages, users } from "@/db/schema";

/** Pipelines with their stages in board order. */
export async function getPipelines(db: Db, orgId: number) {
  const [pipelineRows, stageRows] = await Promise.all([
    db.select().from(pipelines).where(eq(pipelines.orgId, orgId)).orderBy(asc(pipelines.sort), asc(pipelines.id)),
    db.select().from(stages).where(eq(stages.orgId, orgId)).orderBy(asc(stages.sort), asc(stages.id)),
  ]);
  return pipelineRows.map((pipeline) => ({ ...pipeline, stages: stageRows.filter((s) => s.pipelineId === pipeline.id) }));
}
export type PipelineWithStages = Awaited<ReturnType<typeof getPipelines>>[number];

export async function getUsers(db: Db, orgId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin, title: users.title, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.orgId, orgId), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/** What the deal form offers to choose from; `keepUserId` (the current responsible) is offered even if no longer active. */
export async function getDealFormOptions(db: Db, orgId: number, keepUserId?: number) {
  const [pipelineList, userList, companyList, contactList] = await Promise.all([
    getPipelines(db, orgId),
    db
      .select({ id: users.id, name: users.name, active: users.active })
      .from(users)
      .where(and(eq(users.orgId, orgId), or(eq(users.active, true), keepUserId ? eq(users.id, keepUserId) : undefined)))
      .orderBy(asc(users.name)),
    db.select({ id: companies.id, title: companies.title }).from(companies).where(eq(companies.orgId, orgId)).orderBy(asc(companies.title)),
    db
      .select({ id: contacts.id, name: contacts.name, lastName: contacts.lastName })
      .from(contacts)
      .where(eq(contacts.orgId, orgId))
      .orderBy(asc(contacts.lastName), asc(contacts.name)),
  ]);
  return { pipelines: pipelineList, users: userList, companies: companyList, contacts: contactList };
}
export type DealFormOptions = Awaited<ReturnType<typeof getDealFormOptions>>;
