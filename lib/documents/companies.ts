import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { myCompanies } from "@/db/schema";
import type { Viewer } from "@/lib/permissions";

/** The org's own companies as a document's seller choices, the default first. */
export async function myCompanyOptions(db: Db, viewer: Viewer): Promise<{ value: string; label: string }[]> {
  const rows = await db.select({ id: myCompanies.id, legalName: myCompanies.legalName, isDefault: myCompanies.isDefault }).from(myCompanies).where(eq(myCompanies.orgId, viewer.orgId)).orderBy(asc(myCompanies.id));
  return rows.sort((a, b) => Number(b.isDefault) - Number(a.isDefault)).map((r) => ({ value: String(r.id), label: r.legalName }));
}
