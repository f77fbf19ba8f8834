import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { textArray } from "@/db/arrays";
import type { Db } from "@/db/client";
import { companies, deals } from "@/db/schema";
import { dealScope, type Viewer } from "@/lib/permissions";
import { searchable } from "@/lib/search/normalize";
import { foldedIndexSql } from "@/lib/search/sql-fold";

/** A deal as the import compares it: its title and company name, without case or diacritics. */
export function duplicateKey(title: string, company: string | null): string {
  return `${searchable(title)}|${searchable(company ?? "")}`;
}

const CHUNK = 1000;

/**
 * The keys, among the given titles and companies, of deals that already exist and that the
 * importing user may read: a deal they may not read is never reported (the warning would tell
 * them it exists). One index lookup per thousand titles (deals_org_title_fold_idx), never a read
 * of every deal of the org.
 */
export async function existingDuplicates(db: Db, viewer: Viewer, titles: string[]): Promise<Set<string>> {
  const wanted = [...new Set(titles.filter((t) => t.trim() !== ""))];
  const found = new Set<string>();
  // One after the other: the import runs this inside its transaction (one connection).
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const chunk = wanted.slice(i, i + CHUNK);
    const rows = await db
      .select({ title: deals.title, company: companies.title })
      .from(deals)
      .leftJoin(companies, eq(companies.id, deals.companyId))
      .where(
        and(
          eq(deals.orgId, viewer.orgId),
          sql`${foldedIndexSql(deals.title)} in (select ${foldedIndexSql(sql`t`)} from unnest(${textArray(chunk)}) as t)`,
          dealScope(viewer, "READ"),
        ),
      );
    for (const row of rows) found.add(duplicateKey(row.title, row.company));
  }
  return found;
}
