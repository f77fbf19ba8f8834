import "server-only";
import { lt, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one hit under `key` in a fixed window of `windowSeconds` and says whether it is within
 * `limit`. One upsert, so concurrent hits from any number of app processes are counted exactly
 * (the row is locked until the caller's transaction ends: run it outside a long one).
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateVerdict> {
  const expired = sql`${rateLimits.windowStart} <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})`;
  const [row] = await queryRows<{ hits: number; started: string }>(db, sql`
    insert into ${rateLimits} (key, window_start, hits) values (${key}, ${now.toISOString()}::timestamptz, 1)
    on conflict (key) do update set
      window_start = case when ${expired} then excluded.window_start else ${rateLimits.windowStart} end,
      hits = case when ${expired} then 1 else ${rateLimits.hits} + 1 end
    returning hits, extract(epoch from window_start)::text as started`);
  if (Number(row!.hits) <= limit) return { allowed: true };
  const endsAt = Number(row!.started) * 1000 + windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}

/** Windows over long ago serve nobody; a recurring job removes them. */
export async function pruneRateLimits(db: Db, olderThanSeconds = 86_400, now = new Date()): Promise<number> {
  const removed = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - olderThanSeconds * 1000)))
    .returning({ key: rateLimits.key });
  return removed.length;
}

/** A positive whole number from the environment, else the default. */
export function limitFromEnv(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : fallback;
}
