import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts } from "@/db/schema";
import { likePattern, searchTerms } from "@/lib/search/normalize";
import { foldedSql } from "@/lib/search/sql-fold";

export type ClientHit = { id: number; label: string; detail: string | null };

const firstValue = (column: SQL) => sql<string | null>`(${column} -> 0 ->> 'value')`;

/** Companies or contacts whose name has every word typed, without case or diacritics ("nguyen" finds Nguyễn). */
export async function searchClients(db: Db, orgId: number, kind: "company" | "contact", query: string, limit = 20): Promise<ClientHit[]> {
  const terms = searchTerms(query, 4);
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
