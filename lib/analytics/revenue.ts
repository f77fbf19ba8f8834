import "server-only";
import { and, inArray, lt, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { deals } from "@/db/schema";
import { normalizeAmount } from "@/lib/money/money";
import { dealScope, hiddenPipelineIds, type Viewer } from "@/lib/permissions";
import { convertedSum, sumsPerCurrency } from "./currency-sums";
import { buckets } from "./grain";
import { addMonthsIso, type Period } from "./period";
import { reachFigures, type Grain, type ReportStage, type StageFigure } from "./reach";
import type { Report } from "./report";

export type RevenuePoint = { key: string; span: Period; now: StageFigure; before: StageFigure | null };

const nothing = (hidden: boolean): StageFigure => ({ count: 0, sum: hidden ? null : "0", unconverted: false });

/** The reported pipelines' success stages: a won deal is one that reached it and is still there. */
export function wonStages(report: Report): ReportStage[] {
  return report.reported.flatMap((p) => p.stages.filter((s) => s.semantics === "S").map((s) => ({ id: s.id, pipelineId: p.id, semantics: s.semantics })));
}

/**
 * Deals won and their amount per day, week or month of the period, over the deals the viewer may
 * read; with the previous period's bucket of the same rank beside each when comparing.
 */
export async function wonOverTime(db: Db, viewer: Viewer, report: Report, grain: Grain): Promise<RevenuePoint[]> {
  const stages = wonStages(report);
  const hidden = report.reported.some((p) => hiddenPipelineIds(viewer).includes(p.id));
  const [now, before] = await Promise.all([
    reachFigures(db, viewer, report.period, report.filter, stages, report.context, sql`month`, grain),
    report.previous ? reachFigures(db, viewer, report.previous, report.filter, stages, report.context, sql`month`, grain) : null,
  ]);
  const previous = report.previous ? buckets(report.previous, grain) : [];
  return buckets(report.period, grain).map((bucket, i) => {
    const earlier = previous[i];
    return {
      key: bucket.key,
      span: bucket.span,
      now: now.get(bucket.key) ?? nothing(hidden),
      before: before && earlier ? (before.get(earlier.key) ?? nothing(hidden)) : null,
    };
  });
}

export type ForecastRow = {
  /** The expected close month's first day, or "overdue" for open deals expected to close before today. */
  key: string;
  count: number;
  /** Without a probability: weighed at 0 %, counted so the gap shows. */
  withoutProbability: number;
  amount: string | null;
  weighted: string | null;
  unconverted: boolean;
};

/** How many months ahead the forecast looks, this one included. */
export const FORECAST_MONTHS = 12;

/**
 * The open deals (in a stage in progress) the viewer may read, per expected close month from this
 * one on: their amount, and the amount weighted by each deal's probability. Those expected before
 * today come first as "overdue": still open past their date, the forecast's least certain part.
 */
export async function forecast(db: Db, viewer: Viewer, report: Report, today: string): Promise<ForecastRow[]> {
  if (report.filter.pipelineIds.length === 0) return [];
  const horizon = addMonthsIso(`${today.slice(0, 7)}-01`, FORECAST_MONTHS);
  const hidden = hiddenPipelineIds(viewer);
  const conditions = [
    dealScope(viewer, "READ"),
    sql`${deals.stageSemantics} = 'P'`,
    inArray(deals.pipelineId, report.filter.pipelineIds),
    lt(deals.closeDate, horizon),
    report.filter.responsibleIds ? inArray(deals.assignedById, report.filter.responsibleIds) : undefined,
  ];
  const amount = convertedSum("g", report.context, "a");
  const weighted = convertedSum("g", report.context, "w");
  const rows = await queryRows<{ key: string; count: number; without: number; hid: boolean; amount: string; weighted: string; unconverted: boolean }>(
    db,
    sql`select g.key, g.count, g.without, g.hid, ${amount.sum} as amount, ${weighted.sum} as weighted, ${amount.unconverted} as unconverted
        from (
          select case when ${deals.closeDate} < cast(${today} as date) then 'overdue' else to_char(date_trunc('month', ${deals.closeDate}), 'YYYY-MM-DD') end as key,
            count(*)::int as count, (count(*) filter (where ${deals.probability} is null))::int as without,
            ${hidden.length ? sql`bool_or(${inArray(deals.pipelineId, hidden)})` : sql`false`} as hid,
            ${sumsPerCurrency(sql`${deals.amount}`, sql`${deals.currency}`, "a")},
            ${sumsPerCurrency(sql`round(${deals.amount} * coalesce(${deals.probability}, 0) / 100, 2)`, sql`${deals.currency}`, "w")}
          from ${deals} where ${and(...conditions)}
          group by 1
        ) g`,
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const keys = ["overdue", ...Array.from({ length: FORECAST_MONTHS }, (_, i) => addMonthsIso(`${today.slice(0, 7)}-01`, i))];
  const anyHidden = report.reported.some((p) => hidden.includes(p.id));
  return keys.map((key) => {
    const row = byKey.get(key);
    if (!row) return { key, count: 0, withoutProbability: 0, amount: anyHidden ? null : "0", weighted: anyHidden ? null : "0", unconverted: false };
    const hid = row.hid || anyHidden;
    return {
      key,
      count: Number(row.count),
      withoutProbability: Number(row.without),
      amount: hid ? null : normalizeAmount(row.amount),
      weighted: hid ? null : normalizeAmount(row.weighted),
      unconverted: !hid && row.unconverted,
    };
  });
}
