import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { deals } from "@/db/schema";
import { counterCondition } from "@/lib/activities/counters";
import { divideDecimal } from "@/lib/money/money";
import { amountsHidden, dealScope, type Viewer } from "@/lib/permissions";
import { activitiesDone } from "./activities-done";
import { percent } from "./funnel-math";
import { responsibleOutcomes, wonDealsSource, type ReportStage, type StageFigure } from "./reach";
import type { Report } from "./report";

export type EmployeeRow = {
  id: number;
  name: string;
  entered: StageFigure;
  won: StageFigure;
  lost: StageFigure;
  /** Won of the deals closed (won or lost) in the period, in percent. */
  conversion: number | null;
  /** The won amount per won deal; null where amounts are hidden or nothing was won. */
  averageDeal: string | null;
  /** Days from entering the pipeline's funnel to winning, on average over the deals won in the period. */
  cycleDays: number | null;
  /** Activities this person was responsible for and completed in the period, on deals the viewer may read. */
  activitiesDone: number;
  /** Deals whose earliest open activity is overdue now (the counter's own definition), counted up to OVERDUE_CAP + 1. */
  overdueNow: number;
};

/**
 * Each responsible's results in the period, over the deals the viewer may read: people with no
 * figure at all are left out; sorted by won amount, then won count.
 */
export async function loadEmployees(db: Db, viewer: Viewer, report: Report): Promise<EmployeeRow[]> {
  const pipelines = report.reported.map((p) => ({ stages: p.stages.map((s): ReportStage => ({ id: s.id, pipelineId: p.id, semantics: s.semantics })) }));
  const people = report.filter.responsibleIds ?? report.people.map((p) => p.id);
  const [outcomes, overdue, cycles, done] = await Promise.all([
    responsibleOutcomes(db, viewer, report.period, report.filter, pipelines, report.context),
    overdueNow(db, viewer, people, report.filter.pipelineIds, report.context.timezone),
    wonCycleDays(db, viewer, report),
    activitiesDone(db, viewer, report.period, report.filter, report.context.timezone),
  ]);
  const anyHidden = report.reported.some((p) => amountsHidden(viewer, p.id));
  const none: StageFigure = { count: 0, sum: anyHidden ? null : "0", unconverted: false };
  const rows: EmployeeRow[] = [];
  for (const person of report.people) {
    const figures = outcomes.get(person.id);
    const overdueNow = overdue.get(person.id) ?? 0;
    const activitiesDone = done.get(person.id) ?? 0;
    if (!figures && overdueNow === 0 && activitiesDone === 0) continue;
    const { entered = none, won = none, lost = none } = figures ?? {};
    rows.push({
      id: person.id,
      name: person.name,
      entered,
      won,
      lost,
      conversion: percent(won.count, won.count + lost.count),
      averageDeal: won.sum !== null && won.count > 0 ? divideDecimal(won.sum, won.count) : null,
      cycleDays: cycles.get(person.id) ?? null,
      activitiesDone,
      overdueNow,
    });
  }
  return rows.sort((a, b) => compareAmounts(b.won.sum, a.won.sum) || b.won.count - a.won.count || a.name.localeCompare(b.name));
}

function compareAmounts(a: string | null, b: string | null): number {
  const cents = (v: string | null) => (v === null ? -1n : BigInt(v.replace(/^(-?\d+)(?:\.(\d{0,2}))?.*$/, (_, i: string, f = "") => i + f.padEnd(2, "0"))));
  const d = cents(a) - cents(b);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/**
 * Each responsible's average days from entering the pipeline (its first stage history row there)
 * to winning, over the deals won in the period that the viewer may read.
 */
async function wonCycleDays(db: Db, viewer: Viewer, report: Report): Promise<Map<number, number>> {
  const won = report.reported.flatMap((p) => p.stages.filter((s) => s.semantics === "S").map((s) => s.id));
  if (won.length === 0) return new Map();
  const rows = await queryRows<{ id: number; days: number }>(
    db,
    sql`select w.assigned_by_id as id, avg(extract(epoch from w.won_at - w.entered_at)) / 86400 as days
        from (${wonDealsSource(viewer, report.period, report.filter, won, report.context.timezone)}) w
        where w.entered_at is not null
        group by 1`,
  );
  return new Map(rows.map((row) => [Number(row.id), Math.round(Number(row.days) * 10) / 10]));
}

/** Past this many, "overdue now" shows as "99+": its link lists them all. */
export const OVERDUE_CAP = 99;

/**
 * Each person's deals with an overdue activity now, as the viewer may read them: one index range
 * per person, stopped after OVERDUE_CAP + 1 (counting every overdue deal of a million took a
 * third of a second; a badge needs no more).
 */
async function overdueNow(db: Db, viewer: Viewer, people: number[], pipelineIds: number[], timezone: string): Promise<Map<number, number>> {
  if (people.length === 0 || pipelineIds.length === 0) return new Map();
  const where = and(dealScope(viewer, "READ"), sql`${deals.assignedById} = p.id`, inArray(deals.pipelineId, pipelineIds), counterCondition("overdue", timezone));
  const rows = await queryRows<{ id: number; n: number }>(
    db,
    sql`select p.id, (select count(*)::int from (select 1 from ${deals} where ${where} limit ${OVERDUE_CAP + 1}) capped) as n
        from unnest(cast(${`{${people.join(",")}}`} as int[])) as p(id)`,
  );
  return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [Number(r.id), Number(r.n)]));
}
