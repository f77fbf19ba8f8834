import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents } from "@/db/schema";

/** Deals holding an invoice with payments: deleting them would delete money received. */
export async function dealsWithPayments(db: Db, orgId: number, dealIds: readonly number[]): Promise<number[]> {
  if (dealIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ dealId: documents.dealId })
    .from(documents)
    .where(and(eq(documents.orgId, orgId), inArray(documents.dealId, [...dealIds]), sql`${documents.paid} > 0`));
  return rows.map((r) => r.dealId);
}
