/**
 * automation_fanout: ~10,000 deals enter a stage that has three robots (a comment, a task for the
 * responsible, a field change), moved by one bulk action as a user would; measured from the
 * action until every one of the ~30,000 runs is over, on the benchmark's two app servers (each
 * runs a job worker). Meanwhile the `move` measure is timed again: a move must not wait for robots.
 */
import { Client } from "pg";
import type { Fixtures } from "./fixtures";
import { actionId, callAction, type Session } from "./http";
import { percentile, round } from "./stats";

const TAG = "bench-robot";

export type FanoutResult = { deals: number; runs: number; ran: number; failed: number; skipped: number; open: number; ms: number; runs_per_s: number; move_p50_during_ms: number; move_p95_during_ms: number };

export async function automationFanout(url: string, session: Session, f: Fixtures, timeoutMs = 600_000): Promise<FanoutResult> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const one = async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows[0] as T;
    const from = await one<{ id: number; pipeline_id: number }>("select id, pipeline_id from stages where id = $1", [Number(/stage=(\d+)/.exec(f.bulkQuery)![1])]);
    const target = await one<{ id: number }>("select id from stages where pipeline_id = $1 and semantics = 'P' and id <> $2 order by sort limit 1", [from.pipeline_id, from.id]);
    const admin = await one<{ id: number }>("select id from users where email = 'bench.admin@example.com'");
    await cleanUp(client, from.id);
    const robots: [string, Record<string, unknown>][] = [
      ["comment", { text: `${TAG}: robot comment` }],
      ["task", { subject: `${TAG} task`, description: "", assignee: { who: "responsible" }, deadlineIn: { amount: 1, unit: "days" } }],
      ["setFields", { values: { probability: "60" } }],
    ];
    for (const [i, [kind, config]] of robots.entries()) {
      await client.query("insert into robots (org_id, pipeline_id, stage_id, sort, name, kind, config, author_id) values ($1, $2, $3, $4, $5, $6, $7, $8)", [
        f.orgId,
        from.pipeline_id,
        target.id,
        (i + 1) * 10,
        `${TAG} ${kind}`,
        kind,
        JSON.stringify(config),
        admin.id,
      ]);
    }
    const before = await one<{ id: number }>("select coalesce(max(id), 0)::int as id from automation_runs");
    const bulkBefore = await one<{ id: number }>("select coalesce(max(id), 0)::int as id from bulk_operations");
    const bulkId = actionId("lib/deals/bulk/actions.ts", "bulkDealsAction");
    const moveId = actionId("lib/board/actions.ts", "moveCardAction");
    const started = performance.now();
    await callAction(session, "/deals", bulkId, { scope: "filter", query: f.bulkQuery, action: "stage", stageId: String(target.id) });
    // Moves on the board while the robots run.
    const moveTimes: number[] = [];
    let done = false;
    const mover = (async () => {
      for (let i = 0; !done && i < 200; i++) {
        moveTimes.push((await callAction(session, "/deals/kanban", moveId, { dealId: String(f.moveDeal), stageId: String(i % 2 === 0 ? f.stages[1] : f.stages[0]), quiet: "1" })).ms);
      }
    })();
    let counts = { runs: 0, open: 1, ran: 0, failed: 0, skipped: 0, deals: 0 };
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      counts = await one<typeof counts>(
        `select count(*)::int as runs, count(*) filter (where status in ('pending', 'waiting', 'running'))::int as open,
           count(*) filter (where status = 'ran')::int as ran, count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where status = 'skipped')::int as skipped, count(distinct deal_id)::int as deals
         from automation_runs where id > $1 and name like '${TAG}%'`,
        [before.id],
      );
      // A bulk action on few deals runs inside the request (no bulk operation); a large one on the queue.
      const bulk = await one<{ status: string } | undefined>("select status from bulk_operations where id > $1 order by id desc limit 1", [bulkBefore.id]);
      if ((!bulk || bulk.status === "done") && counts.runs > 0 && counts.open === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ms = performance.now() - started;
    done = true;
    await mover;
    if (counts.open > 0) console.warn(`automation_fanout: ${counts.open} runs still open after ${timeoutMs / 1000} s`);
    if (counts.failed > 0) {
      const reason = await one<{ detail: string }>(`select detail from automation_runs where id > $1 and status = 'failed' limit 1`, [before.id]);
      console.warn(`automation_fanout: ${counts.failed} failed runs, e.g. ${reason.detail}`);
    }
    await cleanUp(client, from.id);
    return {
      deals: counts.deals,
      runs: counts.runs,
      ran: counts.ran,
      failed: counts.failed,
      skipped: counts.skipped,
      open: counts.open,
      ms: round(ms),
      runs_per_s: round((counts.runs - counts.open) / (ms / 1000)),
      move_p50_during_ms: round(percentile(moveTimes, 50)),
      move_p95_during_ms: round(percentile(moveTimes, 95)),
    };
  } finally {
    await client.end();
  }
}

/** The robots gone, their work undone, the deals they ran on (and only those) back in the bulk measure's stage. */
async function cleanUp(client: Client, fromStageId: number) {
  await client.query(`delete from jobs where type like 'automation.%' and status in ('queued', 'running')`);
  await client.query(`update deals set stage_id = $1 where id in (select deal_id from automation_runs where name like '${TAG}%')`, [fromStageId]);
  await client.query(`delete from robots where name like '${TAG}%'`);
  await client.query(`delete from activities where subject = '${TAG} task'`);
  await client.query(`delete from deal_events where kind = 'comment' and body like '${TAG}%'`);
  await client.query(`delete from automation_runs where name like '${TAG}%'`);
}
