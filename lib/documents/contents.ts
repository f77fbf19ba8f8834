import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documentRows, myCompanies } from "@/db/schema";
import type { DocumentRow } from "./access";

/** What a document prints: its rows in order and its seller. The caller has decided who may see the document. */
export async function documentContents(db: Db, document: Pick<DocumentRow, "orgId" | "id" | "sellerId">) {
  const [rows, seller] = await Promise.all([
    db.select().from(documentRows).where(and(eq(documentRows.orgId, document.orgId), eq(documentRows.documentId, document.id))).orderBy(asc(documentRows.sort)),
    document.sellerId === null ? Promise.resolve([]) : db.select().from(myCompanies).where(and(eq(myCompanies.orgId, document.orgId), eq(myCompanies.id, document.sellerId))),
  ]);
  return { rows, seller: seller[0] ?? null };
}
