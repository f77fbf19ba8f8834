import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { notifyWorkers } from "@/lib/jobs/queue";
import { automationDepth, MAX_DEPTH } from "./depth";

export const STAGE_JOB = "automation.stage";
/** A bulk move's deals are split over jobs of this many, so several workers share them. */
const DEALS_PER_JOB = 25;

/**
 * Written by every stage change in its own transaction (lib/deals/stage-change.ts): the runs of
 * the robots of the stage the deals enter, and jobs (one per 25 deals) that schedule them. A committed
 * move therefore always fires its robots, a rolled-back one never does, and the move waits for
 * nothing but one statement. Runs still open for the stage the deals left are cancelled unless
 * their robot keeps them. `deals`: ids, or a subquery of ids (a stage's deletion moves them all).
 */
export async function enqueueStageEntry(db: Db, orgId: number, deals: number[] | ReturnType<typeof sql>, toStageId: number, fromStageId: number | null): Promise<void> {
  if (Array.isArray(deals) && deals.length === 0) return;
  const dealIds = Array.isArray(deals) ? sql`(${sql.join(deals.map((id) => sql`${id}::int`), sql`, `)})` : sql`(${deals})`;
  const depth = automationDepth();
  // Past the bound, the runs are written as skipped: the log says the chain was stopped.
  const looped = depth > MAX_DEPTH;
  // Runs still open for the stage the deals left are cancelled, unless their robot keeps them.
  const leaving =
    fromStageId !== null && fromStageId !== toStageId
      ? sql`cancelled as (
      update automation_runs r set status = 'cancelled', finished_at = now(), detail = '{"key":"automation.detail.leftStage"}'
      where r.org_id = ${orgId} and r.deal_id in ${dealIds} and r.stage_id = ${fromStageId} and r.status in ('waiting', 'pending')
        and r.robot_id is not null and not exists (select 1 from robots b where b.id = r.robot_id and b.keep_on_leave)
      returning 1
    ),`
      : sql``;
  // One statement (a move waits for one round trip): the cancellations, the runs, and one job per
  // 25 deals that got any (set-based for a stage's deletion too). Every part of a WITH runs, read or not.
  const jobs = await queryRows<{ id: number }>(db, sql`
    with ${leaving} created as (
      insert into automation_runs (org_id, deal_id, robot_id, name, kind, stage_id, status, depth, detail, finished_at)
      select ${orgId}, d.id, b.id, b.name, b.kind, b.stage_id, ${looped ? "skipped" : "pending"}, ${depth},
        ${looped ? JSON.stringify({ key: "automation.detail.loop" }) : null}, ${looped ? sql`now()` : null}
      from robots b join deals d on d.org_id = ${orgId} and d.id in ${dealIds}
      where b.org_id = ${orgId} and b.stage_id = ${toStageId} and b.enabled
      order by d.id, b.sort, b.id
      returning deal_id
    )
    insert into jobs (type, org_id, payload)
    select ${STAGE_JOB}, ${orgId}, jsonb_build_object('stageId', ${toStageId}::int, 'dealIds', jsonb_agg(deal_id order by deal_id))
    from (select deal_id, (row_number() over (order by deal_id) - 1) / ${DEALS_PER_JOB} as chunk from (select distinct deal_id from created) d) c
    where ${!looped}
    group by chunk
    returning id`);
  if (jobs.length) await notifyWorkers(db);
}
