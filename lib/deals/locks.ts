import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals } from "@/db/schema";

/**
 * The one lock order of every writer, so two writers never wait on each other in a circle:
 *
 *   1. deal rows (`FOR UPDATE`), in ascending id: a writer that will touch several deals locks
 *      them all first, with `lockDealRows` (the board's multi-card move, bulk actions, a
 *      stage's deletion); one deal is locked by `lockDeal` in lib/deals/service.ts;
 *   2. board columns (a transaction advisory lock per stage, `lockBoardColumn`), in ascending
 *      stage id: taken when a deal gets a place in a column (a move, a form that changes the
 *      stage, a new deal), and never before the rows of the deals being placed;
 *   3. rows that belong to a deal (activities, product rows), after their deal's row.
 *
 * Advisory locks of the session kind are not part of it: migrations (727001) and an import's own
 * lock (727003) are taken before anything else. A transaction-level advisory lock is held to the
 * end of the transaction (a savepoint does not release it), which is why rows come first: a bulk
 * action that placed deal 1 in a column and then waited for deal 2's row deadlocked with a drag
 * of deals 1 and 2 that had taken the column first.
 */

/** The first half of the two-number advisory lock key for a board column (the stage id is the second). */
const BOARD_LOCK = 727_002;

/** Locks the org's deals among `ids` for the rest of the transaction, in ascending id (step 1). */
export async function lockDealRows(db: Db, orgId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.orgId, orgId), inArray(deals.id, [...new Set(ids)])))
    .orderBy(asc(deals.id))
    .for("update");
}

/** Serialises placing cards in one board column until the transaction ends (step 2). */
export async function lockBoardColumn(db: Db, stageId: number): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${BOARD_LOCK}, ${stageId})`);
}

/**
 * The time of a change to a deal whose row is locked: read after the lock (a writer that waited
 * behind 99 others must not stamp the time it started waiting), and never earlier than the
 * deal's last change, so its stage history and moved time stay in order whatever the clocks of
 * several app servers say.
 */
export function timeAfterLock(deal: { updatedAt: Date; movedAt: Date }): Date {
  return new Date(Math.max(Date.now(), deal.updatedAt.getTime(), deal.movedAt.getTime()));
}
