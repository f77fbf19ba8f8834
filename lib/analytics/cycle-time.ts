import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { dealStageReach, deals } from "@/db/schema";
import { staleCondition } from "@/lib/board/column-totals";
import { dealScope, type Viewer } from "@/lib/permissions";
import { narrowedTo, readableReachRows, withinDays } from "./reach";
import type { Report } from "./report";

export type StageCycle = {
  /** Deals that left the stage in the period (their last time). */
  stays: number;
  /** Days in the stage, every visit added up: the median and the 90th percentile. */
  medianDays: number | null;
  p90Days: number | null;
};

const r = dealStageReach;

/**
 * Per stage of the reported pipelines: how long the deals that left it in the period had been in
 * it (median and 90th percentile, in days), over the deals the viewer may read. A stage passed
 * over by a jump is no stay. Read by an index-only scan of the stays (deal_stage_reach_org_left_idx).
 */
export async function stageCycleTimes(db: Db, viewer: Viewer, report: Report): Promise<Map<number, StageCycle>> {
  if (report.filter.pipelineIds.length === 0) return new Map();
  const tz = report.context.timezone;
  const rows = await queryRows<{ stage_id: number; stays: number; median: number | null; p90: number | null }>(
    db,
    sql`select ${r.stageId} as stage_id, count(*)::int as stays,
          percentile_cont(0.5) within group (order by ${r.secondsIn}) / 86400 as median,
          percentile_cont(0.9) within group (order by ${r.secondsIn}) / 86400 as p90
        from ${r}
        where ${and(
          sql`${r.orgId} = ${viewer.orgId}`,
          sql`${r.leftAt} is not null`,
          withinDays(r.leftAt, report.period, tz),
          ...narrowedTo(report.filter, r.pipelineId, r.assignedById),
          readableReachRows(viewer),
        )}
        group by 1`,
  );
  return new Map(rows.map((row) => [Number(row.stage_id), { stays: Number(row.stays), medianDays: round1(row.median), p90Days: round1(row.p90) }]));
}

const round1 = (days: number | null) => (days === null ? null : Math.round(Number(days) * 10) / 10);

/** Past this many, "stale now" shows as "999+": its link lists them all. */
export const STALE_CAP = 999;

/**
 * Per stage with "days to rot": the deals in it now for longer than that, as the viewer may read
 * them (the board's own definition), counted up to STALE_CAP + 1.
 */
export async function staleNow(db: Db, viewer: Viewer, report: Report): Promise<Map<number, number>> {
  const stages = report.reported.flatMap((p) => p.stages.filter((s) => s.semantics === "P" && s.rotDays));
  if (stages.length === 0) return new Map();
  const counts = stages.map((stage) => {
    const where = and(
      dealScope(viewer, "READ"),
      sql`${deals.stageId} = ${stage.id}`,
      staleCondition(stage),
      report.filter.responsibleIds ? inArray(deals.assignedById, report.filter.responsibleIds) : undefined,
    );
    return sql`select ${stage.id}::int as stage_id, (select count(*)::int from (select 1 from ${deals} where ${where} limit ${STALE_CAP + 1}) capped) as n`;
  });
  const rows = await queryRows<{ stage_id: number; n: number }>(db, sql.join(counts, sql` union all `));
  return new Map(rows.map((row) => [Number(row.stage_id), Number(row.n)]));
}
