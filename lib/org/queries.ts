import "server-only";
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
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

/**
 * How many companies and contacts a form's drop-down lists: the most recent ones, plus those the
 * record already has. An org with 20,000 companies would otherwise send them all with every page
 * (half a second of HTML on the list); picking any of them by typing is the client picker's job.
 */
export const CLIENT_OPTIONS_MAX = 300;

/** One collator for every sort of client names (making one costs more than sorting 300 names). */
const vietnamese = new Intl.Collator("vi");

/**
 * What the deal form offers to choose from; `keep` (the current responsible, company, contacts) is
 * offered even if inactive or old. `clients: false` leaves companies and contacts out (only those kept).
 */
export async function getDealFormOptions(db: Db, orgId: number, keepUserId?: number, keep: { companyIds?: number[]; contactIds?: number[] } = {}, { clients = true }: { clients?: boolean } = {}) {
  const keepCompanies = (keep.companyIds ?? []).filter((id) => id > 0);
  const keepContacts = (keep.contactIds ?? []).filter((id) => id > 0);
  const [pipelineList, userList, companyList, contactList] = await Promise.all([
    getPipelines(db, orgId),
    db
      .select({ id: users.id, name: users.name, active: users.active })
      .from(users)
      .where(and(eq(users.orgId, orgId), or(eq(users.active, true), keepUserId ? eq(users.id, keepUserId) : undefined)))
      .orderBy(asc(users.name)),
    clients ? db.select({ id: companies.id, title: companies.title }).from(companies).where(eq(companies.orgId, orgId)).orderBy(desc(companies.id)).limit(CLIENT_OPTIONS_MAX) : [],
    clients
      ? db.select({ id: contacts.id, name: contacts.name, lastName: contacts.lastName }).from(contacts).where(eq(contacts.orgId, orgId)).orderBy(desc(contacts.id)).limit(CLIENT_OPTIONS_MAX)
      : [],
  ]);
  const [keptCompanies, keptContacts] = await Promise.all([
    keepCompanies.length ? db.select({ id: companies.id, title: companies.title }).from(companies).where(and(eq(companies.orgId, orgId), inArray(companies.id, keepCompanies))) : [],
    keepContacts.length ? db.select({ id: contacts.id, name: contacts.name, lastName: contacts.lastName }).from(contacts).where(and(eq(contacts.orgId, orgId), inArray(contacts.id, keepContacts))) : [],
  ]);
  const byId = <T extends { id: number }>(rows: T[]) => [...new Map(rows.map((r) => [r.id, r])).values()];
  return {
    pipelines: pipelineList,
    users: userList,
    companies: byId([...keptCompanies, ...companyList]).sort((a, b) => vietnamese.compare(a.title, b.title)),
    contacts: byId([...keptContacts, ...contactList]).sort((a, b) => vietnamese.compare(`${a.lastName ?? ""} ${a.name}`, `${b.lastName ?? ""} ${b.name}`)),
  };
}
export type DealFormOptions = Awaited<ReturnType<typeof getDealFormOptions>>;
