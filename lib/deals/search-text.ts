import { and, eq, inArray } from "drizzle-orm";
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
  for (const row of rows) {
    const contactNames = links.filter((l) => l.dealId === row.id).map((l) => [l.lastName, l.name].filter(Boolean).join(" "));
    await db.update(deals).set({ searchText: dealSearchText({ ...row, contactNames }) }).where(eq(deals.id, row.id));
  }
}
