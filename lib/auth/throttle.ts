import "server-only";
import { and, eq, gt, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures } from "@/db/schema";

export const WINDOW_MINUTES = 15;
/** Wrong passwords for one account from one address within the window: then that pair waits for the window. */
export const ACCOUNT_ADDRESS_LIMIT = 10;
/** Wrong passwords from one address for all accounts together (a spray): then the address waits. */
export const ADDRESS_LIMIT = 50;
/**
 * Failures on one account from all addresses together after which it counts as under attack.
 * It is never locked: addresses that have failed on it are slowed down (below), while an address
 * with no failures on it still signs in at once, so rotating addresses cannot lock the owner out.
 */
export const ACCOUNT_SLOWDOWN_AFTER = 20;
/** Under attack, an address waits this long after its failure on the account, doubling with each further one. */
export const SLOWDOWN_BASE_SECONDS = 30;

export type ThrottleReason = "TooManyAttempts" | "TooManyFromAddress" | "SlowDown";
export type Refusal = { reason: ThrottleReason; retryAfterSeconds: number };

const WINDOW_MS = WINDOW_MINUTES * 60_000;

function windowStart(now: Date): Date {
  return new Date(now.getTime() - WINDOW_MS);
}

function epochMs(value: string | number | null): number | null {
  return value === null ? null : Number(value) * 1000;
}

/**
 * Whether an attempt on `email` from the address counted under `key` (see throttleKey) must wait,
 * and how long; null when it may be checked. One statement reads the account's and the address's
 * failures in the window. The caller serialises attempts per account, so the account's counts are exact;
 * a spray across accounts in parallel may pass the address limit by the number of attempts in flight.
 */
export async function throttled(db: Db, email: string, key: string, now = new Date()): Promise<Refusal | null> {
  const account = eq(loginFailures.email, email);
  const address = eq(loginFailures.ip, key);
  const pair = and(account, address);
  const [row] = await db
    .select({
      pair: sql<number>`count(*) filter (where ${pair})`.mapWith(Number),
      pairOldest: sql<string | null>`extract(epoch from min(${loginFailures.at}) filter (where ${pair}))`,
      pairLatest: sql<string | null>`extract(epoch from max(${loginFailures.at}) filter (where ${pair}))`,
      account: sql<number>`count(*) filter (where ${account})`.mapWith(Number),
      address: sql<number>`count(*) filter (where ${address})`.mapWith(Number),
      addressOldest: sql<string | null>`extract(epoch from min(${loginFailures.at}) filter (where ${address}))`,
    })
    .from(loginFailures)
    .where(and(or(account, address), gt(loginFailures.at, windowStart(now))));
  if (!row) return null;

  const refusals: Refusal[] = [];
  const waitUntil = (reason: ThrottleReason, until: number | null) => {
    const seconds = until === null ? 0 : Math.ceil((until - now.getTime()) / 1000);
    if (seconds > 0) refusals.push({ reason, retryAfterSeconds: seconds });
  };
  const pairOldest = epochMs(row.pairOldest);
  if (row.pair >= ACCOUNT_ADDRESS_LIMIT && pairOldest !== null) waitUntil("TooManyAttempts", pairOldest + WINDOW_MS);
  const addressOldest = epochMs(row.addressOldest);
  if (row.address >= ADDRESS_LIMIT && addressOldest !== null) waitUntil("TooManyFromAddress", addressOldest + WINDOW_MS);
  const pairLatest = epochMs(row.pairLatest);
  if (row.account >= ACCOUNT_SLOWDOWN_AFTER && row.pair > 0 && pairLatest !== null) {
    const delayMs = Math.min(SLOWDOWN_BASE_SECONDS * 1000 * 2 ** (row.pair - 1), WINDOW_MS);
    waitUntil("SlowDown", pairLatest + delayMs);
  }
  return refusals.reduce<Refusal | null>((longest, r) => (!longest || r.retryAfterSeconds > longest.retryAfterSeconds ? r : longest), null);
}

export async function recordFailure(db: Db, email: string, key: string, now = new Date()): Promise<void> {
  await db.insert(loginFailures).values({ email, ip: key, at: now });
}

/** A right password forgets that address's failures on the account (not other addresses'). */
export async function clearFailures(db: Db, email: string, key: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.email, email), eq(loginFailures.ip, key)));
}

/** Old rows serve no window any more; a recurring job removes them. */
export async function pruneFailures(db: Db, now = new Date()): Promise<number> {
  const removed = await db.delete(loginFailures).where(lt(loginFailures.at, windowStart(now))).returning({ id: loginFailures.id });
  return removed.length;
}
