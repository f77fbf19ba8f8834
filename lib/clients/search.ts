import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts } from "@/db/schema";
import { likePattern, searchTerms } from "@/lib/search/normalize";
import { mayReadClientDetails, type Viewer } from "@/lib/permissions";
import { foldedSql } from "@/lib/search/sql-fold";

export type ClientHit = { id: number; label: string; detail: string | null };

/**
 * Companies or contacts whose name has every word typed, without case or diacritics ("nguyen"
 * finds Nguyễn). A phone or e-mail is the hit's detail only for a viewer whose role may read
 * client details; others get the company of a contact, or nothing.
 */
export async function searchClients(db: Db, viewer: Viewer, kind: "company" | "contact", query: string, limit = 20): Promise<ClientHit[]> {
  const terms = searchTerms(query, 4);
  const orgId = viewer.orgId;
  const details = mayReadClientDetails(viewer);
  const firstValue = (column: SQL) => (details ? sql<string | null>`(${column} -> 0 ->> 'value')` : sql<string | null>`null`);
  if (kind === "company") {
    return db
      .select({ id: companies.id, label: companies.title, detail: sql<string | null>`coalesce(${firstValue(sql`${companies.phones}`)}, ${firstValue(sql`${companies.emails}`)})` })
      .from(companies)
      .where(and(eq(companies.orgId, orgId), ...terms.map((term) => sql`${foldedSql(sql`${companies.title}`)} like ${likePattern(term)}`)))
      .orderBy(asc(companies.title), asc(companies.id))
      .limit(limit);
  }
  const fullName = sql`concat_ws(' ', ${contacts.lastName}, ${contacts.name})`;
  return db
    .select({
      id: contacts.id,
      label: sql<string>`${fullName}`,
      detail: sql<string | null>`coalesce((select title from ${companies} c where c.id = ${contacts.companyId}), ${firstValue(sql`${contacts.phones}`)}, ${firstValue(sql`${contacts.emails}`)})`,
    })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), ...terms.map((term) => sql`${foldedSql(fullName)} like ${likePattern(term)}`)))
    .orderBy(asc(contacts.lastName), asc(contacts.name), asc(contacts.id))
    .limit(limit);
}
