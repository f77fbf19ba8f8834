import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { currencyRates } from "@/db/schema";
import { requireSetUp, type Viewer } from "@/lib/permissions";

/** The org's rates: units of the base currency per unit of each other currency (board and analytics totals). */
export async function getCurrencyRates(db: Db, orgId: number) {
  return db.select({ currency: currencyRates.currency, rate: currencyRates.rate, updatedAt: currencyRates.updatedAt }).from(currencyRates).where(eq(currencyRates.orgId, orgId)).orderBy(asc(currencyRates.currency));
}

/** Sets (or, with null, removes) rates; administrators only. */
export async function saveCurrencyRates(db: Db, viewer: Viewer & { org: { baseCurrency: string } }, rates: Record<string, string | null>, now = new Date()): Promise<void> {
  requireSetUp(viewer);
  const entries = Object.entries(rates).filter(([currency]) => currency !== viewer.org.baseCurrency);
  const removed = entries.filter(([, rate]) => rate === null).map(([currency]) => currency);
  if (removed.length) await db.delete(currencyRates).where(and(eq(currencyRates.orgId, viewer.orgId), inArray(currencyRates.currency, removed)));
  for (const [currency, rate] of entries) {
    if (rate === null) continue;
    await db
      .insert(currencyRates)
      .values({ orgId: viewer.orgId, currency, rate, updatedAt: now })
      .onConflictDoUpdate({ target: [currencyRates.orgId, currencyRates.currency], set: { rate, updatedAt: now } });
  }
}
