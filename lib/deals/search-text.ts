import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { intArray, textArray } from "@/db/arrays";
import type { Db } from "@/db/client";
import { companies, contacts, dealContacts, deals } from "@/db/schema";
import { searchable } from "@/lib/search/normalize";

/** What search looks through for a deal: its title, company, contacts and comments. */
export function dealSearchText(parts: { title: string; companyTitle?: string | null; contactNames?: string[]; comments?: string | null }): string {
  return searchable([parts.title, parts.companyTitle ?? "", ...(parts.contactNames ?? []), parts.comments ?? ""].join(" "));
}

/** Recomputes deals.search_text for the given deals, after anything it is made of changed. */
export async function refreshSearchText(db: Db, orgId: number, dealIds: number[]): Promise<void> {
  if (dealIds.length === 0) return;
  // One after the other: this runs inside transactions, whose single connection takes one query at a time.
  const rows = await db
    .select({ id: deals.id, title: deals.title, comments: deals.comments, companyTitle: companies.title })
    .from(deals)
    .leftJoin(companies, eq(companies.id, deals.companyId))
    .where(and(eq(deals.orgId, orgId), inArray(deals.id, dealIds)));
  const links = await db
    .select({ dealId: dealContacts.dealId, name: contacts.name, lastName: contacts.lastName })
    .from(dealContacts)
    .innerJoin(contacts, eq(contacts.id, dealContacts.contactId))
    .where(and(eq(dealContacts.orgId, orgId), inArray(dealContacts.dealId, dealIds)));
  if (rows.length === 0) return;
  const namesOf = new Map<number, string[]>();
  for (const l of links) namesOf.set(l.dealId, [...(namesOf.get(l.dealId) ?? []), [l.lastName, l.name].filter(Boolean).join(" ")]);
  // One statement for all of them (an import refreshes thousands), not one per deal.
  await db.execute(sql`
    update deals set search_text = fresh.text
    from unnest(${intArray(rows.map((r) => r.id))}, ${textArray(rows.map((row) => dealSearchText({ ...row, contactNames: namesOf.get(row.id) ?? [] })))}) as fresh(id, text)
    where deals.id = fresh.id and deals.org_id = ${orgId}`);
}
