import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "@/db/client";
import { jobs } from "@/db/schema";

const DEFAULT_KEEP_DAYS = 14;

/**
 * How long finished background work is kept before it is deleted: finished jobs, the progress of
 * finished bulk actions, finished imports (CRM_JOBS_KEEP_DAYS, in days; default 14).
 */
export function keepSeconds(value = process.env.CRM_JOBS_KEEP_DAYS): number {
  const days = Number(value);
  return (value && Number.isFinite(days) && days > 0 ? days : DEFAULT_KEEP_DAYS) * 86_400;
}

/** Rows to delete, oldest first: `where` and `oldest` must match a partial index, so a batch never scans the table. */
export type Expiring = { table: PgTable; where: SQL; oldest: SQL };

export const olderThan = (column: string, seconds: number) => sql`${sql.identifier(column)} < now() - make_interval(secs => ${seconds})`;

/** One batch: `delete … returning id` of at most `limit` of the oldest rows. */
export function oldestBatch({ table, where, oldest }: Expiring, limit: number): SQL {
  return sql`delete from ${table} where id in (select id from ${table} where ${where} order by ${oldest} limit ${limit}) returning id`;
}

export type DeleteBounds = { batch?: number; maxBatches?: number };

/**
 * Deletes expiring rows a batch at a time until a batch comes back short, or `maxBatches` times:
 * each statement short, each run bounded (the next run goes on). Returns how many went.
 */
export async function deleteOldest(db: Db, expiring: Expiring, { batch = 1000, maxBatches = 10 }: DeleteBounds = {}): Promise<number> {
  let deleted = 0;
  for (let n = 0; n < maxBatches; n++) {
    const rows = await queryRows<{ id: number }>(db, oldestBatch(expiring, batch));
    deleted += rows.length;
    if (rows.length < batch) break;
  }
  return deleted;
}

/** Done and failed jobs finished more than `seconds` ago (index jobs_finished_idx). */
export function finishedJobs(seconds: number): Expiring {
  return { table: jobs, where: sql`status in ('done', 'failed') and ${olderThan("finished_at", seconds)}`, oldest: sql`finished_at` };
}
