import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures } from "@/db/schema";

/** At most this many wrong passwords per account and address within the window… */
export const MAX_FAILURES = 10;
/**
 * …and this many per account from all addresses together. The address comes from
 * X-Forwarded-For, which a client can forge unless a proxy sets it; this cap holds regardless.
 */
export const MAX_ACCOUNT_FAILURES = 50;
export const WINDOW_MINUTES = 15;

function windowStart(now: Date): Date {
  return new Date(now.getTime() - WINDOW_MINUTES * 60_000);
}

export async function isThrottled(db: Db, email: string, ip: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ fromHere: count(sql`case when ${loginFailures.ip} = ${ip} then 1 end`), total: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email.toLowerCase()), gt(loginFailures.at, windowStart(now))));
  return (row?.fromHere ?? 0) >= MAX_FAILURES || (row?.total ?? 0) >= MAX_ACCOUNT_FAILURES;
}

export async function recordFailure(db: Db, email: string, ip: string, now = new Date()): Promise<void> {
  await db.insert(loginFailures).values({ email: email.toLowerCase(), ip: ip.slice(0, 100), at: now });
}

export async function clearFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.email, email.toLowerCase()), eq(loginFailures.ip, ip)));
}

/** Old rows serve no window any more; a recurring job removes them. */
export async function pruneFailures(db: Db, now = new Date()): Promise<number> {
  const removed = await db.delete(loginFailures).where(lt(loginFailures.at, windowStart(now))).returning({ id: loginFailures.id });
  return removed.length;
}
