import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals } from "@/db/schema";
import { intArray, textArray } from "@/db/arrays";
import { keysBetween } from "./order-keys";
import { lockBoardColumn } from "@/lib/deals/locks";

const byKey = sql`${deals.boardPosition} collate "C"`;

/** The smallest key in the stage greater than `after` (or the first key), leaving out the moving deals. */
async function nextKey(db: Db, orgId: number, stageId: number, after: string | null, excluding: number[]): Promise<string | null> {
  const [row] = await db
    .select({ key: deals.boardPosition })
    .from(deals)
    .where(
      and(
        eq(deals.orgId, orgId),
        eq(deals.stageId, stageId),
        after === null ? undefined : sql`${byKey} > ${after}`,
        ...excluding.map((id) => ne(deals.id, id)),
      ),
    )
    .orderBy(asc(byKey), asc(deals.id))
    .limit(1);
  return row?.key ?? null;
}

/**
 * Keys for `count` cards placed in a stage right below the card `afterId` (null: at the top).
 * The upper bound is read from the database, not trusted from the browser, so a neighbour that
 * moved meanwhile cannot produce keys out of order. A card above that is no longer in the stage
 * puts the cards at the top.
 */
export async function positionsBelow(db: Db, orgId: number, stageId: number, afterId: number | null, movingIds: number[], count = movingIds.length): Promise<string[]> {
  // Drops into one column take their keys one after the other (until the transaction ends), so
  // two cards dropped into the same gap at once do not get the same key. The moving deals' rows
  // are locked before (lib/deals/locks.ts).
  await lockBoardColumn(db, stageId);
  let above: string | null = null;
  if (afterId !== null && !movingIds.includes(afterId)) {
    const [row] = await db
      .select({ key: deals.boardPosition })
      .from(deals)
      .where(and(eq(deals.orgId, orgId), eq(deals.stageId, stageId), eq(deals.id, afterId)));
    above = row?.key ?? null;
  }
  const below = await nextKey(db, orgId, stageId, above, movingIds);
  return keysBetween(above, below, count);
}

/**
 * Puts deals at the top of a column in one statement, the first of `dealIds` on top: for a
 * writer that creates many deals in one transaction (an import), which then takes the column's
 * lock once, at its end, instead of holding it from its first deal to its commit.
 */
export async function placeAtTop(db: Db, orgId: number, stageId: number, dealIds: number[]): Promise<void> {
  if (dealIds.length === 0) return;
  const keys = await positionsBelow(db, orgId, stageId, null, dealIds);
  await db.execute(sql`
    update deals set board_position = placed.key
    from unnest(${intArray(dealIds)}, ${textArray(keys)}) as placed(id, key)
    where deals.id = placed.id and deals.org_id = ${orgId}`);
}

/** The key that puts a deal at the top of a stage: where new deals and deals moved by a form land. */
export async function topPosition(db: Db, orgId: number, stageId: number, movingId?: number): Promise<string> {
  const [key] = await positionsBelow(db, orgId, stageId, null, movingId === undefined ? [] : [movingId], 1);
  return key!;
}

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * SQL for the board key of the deal ranked `rank` (0-based, newest first) in its stage: "d" + 4
 * base-62 digits, valid fractional keys for up to 14.7 million deals per stage; the migration uses
 * the same form. `rank` is trusted SQL (a column or expression), never user input.
 */
export function boardKeySql(rank: string): string {
  const digit = (divisor: number) => `substr('${DIGITS}', (((${rank}) / ${divisor}) % 62)::int + 1, 1)`;
  return `'d' || ${digit(238328)} || ${digit(3844)} || ${digit(62)} || ${digit(1)}`;
}

/**
 * Gives every deal of an org a board key, newest first in each stage, in one statement: for bulk
 * loaders (the demo seed) that insert rows directly.
 */
export async function rankBoardPositions(db: Db, orgId: number): Promise<void> {
  await db.execute(sql`
    update deals set board_position = ${sql.raw(boardKeySql("ranked.n"))}
    from (select id, row_number() over (partition by stage_id order by created_at desc, id desc) - 1 as n from deals where org_id = ${orgId}) as ranked
    where deals.id = ranked.id and deals.org_id = ${orgId}`);
}
