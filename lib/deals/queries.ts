import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { companies, contacts, dealContacts, dealObservers, dealProducts, deals, pipelines, stages, users } from "@/db/schema";
import { amountsHidden, dealScope, mayReadClientDetails, visibleAmount, type Viewer } from "@/lib/permissions";

// Two roles of the users table in one query need aliases with their own names.
const responsible = alias(users, "responsible");
const creator = alias(users, "creator");

/** The deal card, or null when it does not exist or the viewer may not read it (the page answers 404). */
export async function getDealCard(db: Db, viewer: Viewer, id: number) {
  const [deal] = await db
    .select({
      deal: deals,
      stageName: stages.name,
      stageColor: stages.color,
      pipelineName: pipelines.name,
      responsibleName: responsible.name,
      creatorName: creator.name,
      companyTitle: companies.title,
      companyPhones: companies.phones,
      companyEmails: companies.emails,
    })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .innerJoin(pipelines, eq(pipelines.id, deals.pipelineId))
    .innerJoin(responsible, eq(responsible.id, deals.assignedById))
    .leftJoin(creator, eq(creator.id, deals.createdById))
    .leftJoin(companies, eq(companies.id, deals.companyId))
    .where(and(eq(deals.id, id), dealScope(viewer, "READ")));
  if (!deal) return null;
  const [contactRows, observerRows, productRows] = await Promise.all([
    db
      .select({ id: contacts.id, name: contacts.name, lastName: contacts.lastName, phones: contacts.phones, emails: contacts.emails })
      .from(dealContacts)
      .innerJoin(contacts, eq(contacts.id, dealContacts.contactId))
      .where(and(eq(dealContacts.orgId, viewer.orgId), eq(dealContacts.dealId, id)))
      .orderBy(asc(dealContacts.sort)),
    db
      .select({ id: users.id, name: users.name })
      .from(dealObservers)
      .innerJoin(users, eq(users.id, dealObservers.userId))
      .where(and(eq(dealObservers.orgId, viewer.orgId), eq(dealObservers.dealId, id))),
    db.select().from(dealProducts).where(and(eq(dealProducts.orgId, viewer.orgId), eq(dealProducts.dealId, id))).orderBy(asc(dealProducts.sort)),
  ]);
  // Where the viewer's role hides amounts, neither the amount nor the prices that add up to it leave here.
  const hidden = amountsHidden(viewer, deal.deal.pipelineId);
  // Nor do phones and e-mails of the clients for a role that may not read client details.
  const details = mayReadClientDetails(viewer);
  return {
    ...deal,
    companyPhones: details ? deal.companyPhones : [],
    companyEmails: details ? deal.companyEmails : [],
    deal: { ...deal.deal, amount: hidden ? null : deal.deal.amount },
    amountHidden: hidden,
    contacts: details ? contactRows : contactRows.map((c) => ({ ...c, phones: [], emails: [] })),
    observers: observerRows,
    products: productRows.map((p) => ({ ...p, price: hidden ? null : p.price })),
  };
}
export type DealCard = NonNullable<Awaited<ReturnType<typeof getDealCard>>>;

type NameMap = Map<number, string>;
export type HistoryLookups = { pipelines: NameMap; stages: NameMap; users: NameMap; companies: NameMap; contacts: NameMap };

/** The org's pipelines, stages and users by id: names history rows and custom values mention. */
export async function orgNames(db: Db, orgId: number): Promise<Pick<HistoryLookups, "pipelines" | "stages" | "users">> {
  const [pipelineRows, stageRows, userRows] = await Promise.all([
    db.select({ id: pipelines.id, name: pipelines.name }).from(pipelines).where(eq(pipelines.orgId, orgId)),
    db.select({ id: stages.id, name: stages.name }).from(stages).where(eq(stages.orgId, orgId)),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.orgId, orgId)),
  ]);
  return { pipelines: toMap(pipelineRows), stages: toMap(stageRows), users: toMap(userRows) };
}

/** Names of the given companies and contacts of the org. */
export async function recordNames(db: Db, orgId: number, ids: { companies: Set<number>; contacts: Set<number> }): Promise<Pick<HistoryLookups, "companies" | "contacts">> {
  const [companyRows, contactRows] = await Promise.all([
    ids.companies.size ? db.select({ id: companies.id, name: companies.title }).from(companies).where(and(eq(companies.orgId, orgId), inArray(companies.id, [...ids.companies]))) : [],
    ids.contacts.size
      ? db
          .select({ id: contacts.id, name: sql<string>`concat_ws(' ', ${contacts.lastName}, ${contacts.name})` })
          .from(contacts)
          .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, [...ids.contacts])))
      : [],
  ]);
  return { companies: toMap(companyRows), contacts: toMap(contactRows) };
}

const toMap = (rows: { id: number; name: string }[]): NameMap => new Map(rows.map((r) => [r.id, r.name]));

/** Names for the ids that history rows mention. */
export async function getHistoryLookups(db: Db, orgId: number, ids: { companies: Set<number>; contacts: Set<number> }): Promise<HistoryLookups> {
  const [org, records] = await Promise.all([orgNames(db, orgId), recordNames(db, orgId, ids)]);
  return { ...org, ...records };
}
