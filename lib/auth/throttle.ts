import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures } from "@/db/schema";

/** At most this many wrong passwords per account and address within the window. */
export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;

function windowStart(now: Date): Date {
  return new Date(now.getTime() - WINDOW_MINUTES * 60_000);
}

export async function isThrottled(db: Db, email: string, ip: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email.toLowerCase()), eq(loginFailures.ip, ip), gt(loginFailures.at, windowStart(now))));
  return (row?.n ?? 0) >= MAX_FAILURES;
}

export async function recordFailure(db: Db, email: string, ip: string, now = new Date()): Promise<void> {
  await db.insert(loginFailures).values({ email: email.toLowerCase(), ip, at: now });
}

export async function clearFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.email, email.toLowerCase()), eq(loginFailures.ip, ip)));
}

/** Old rows serve no window any more; a recurring job removes them. */
export async function pruneFailures(db: Db, now = new Date()): Promise<number> {
  const removed = await db.delete(loginFailures).where(lt(loginFailures.at, windowStart(now))).returning({ id: loginFailures.id });
  return removed.length;
}
