import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, users } from "@/db/schema";
import type { ViewerWithOrg } from "@/lib/auth/viewer";
import { readablePipelines } from "@/lib/board/queries";
import type { BoardContext } from "@/lib/board/column-totals";
import { todayIn } from "@/lib/i18n/format";
import { getCurrencyRates } from "@/lib/org/currency-rates";
import { getPipelines, type PipelineWithStages } from "@/lib/org/queries";
import { subtree } from "@/lib/permissions/load";
import { previousPeriod, type Period } from "./period";
import type { ReportFilter } from "./reach";
import { parseAnalyticsQuery, queryPeriod, type AnalyticsQuery } from "./url-state";

export type Person = { id: number; name: string; departmentId: number | null; active: boolean };
export type Department = { id: number; name: string; parentId: number | null };

/** Everything an analytics page starts from: its filters, period, the pipelines the viewer may read, and who the filter means. */
export type Report = {
  query: AnalyticsQuery;
  period: Period;
  previous: Period | null;
  pipelines: PipelineWithStages[];
  /** The pipelines reported on: the chosen one, or every readable one. */
  reported: PipelineWithStages[];
  filter: ReportFilter;
  people: Person[];
  departments: Department[];
  context: BoardContext;
};

/**
 * The responsibles a filter means: the chosen ones, within the chosen department and the
 * departments below it when both are set; null when neither narrows.
 */
export function responsiblesOf(query: Pick<AnalyticsQuery, "department" | "responsible">, people: Person[], tree: Department[]): number[] | null {
  const inDepartment = query.department ? new Set(subtree(tree, query.department)) : null;
  const members = inDepartment ? people.filter((p) => p.departmentId !== null && inDepartment.has(p.departmentId)).map((p) => p.id) : null;
  if (!query.responsible.length) return members;
  return members ? query.responsible.filter((id) => members.includes(id)) : query.responsible;
}

export async function loadReport(db: Db, viewer: ViewerWithOrg, params: URLSearchParams | Record<string, string | string[] | undefined>, now = new Date()): Promise<Report> {
  const query = parseAnalyticsQuery(params);
  const [allPipelines, rateRows, people, tree] = await Promise.all([
    getPipelines(db, viewer.orgId),
    getCurrencyRates(db, viewer.orgId),
    db.select({ id: users.id, name: users.name, departmentId: users.departmentId, active: users.active }).from(users).where(eq(users.orgId, viewer.orgId)).orderBy(asc(users.name)),
    db.select({ id: departments.id, name: departments.name, parentId: departments.parentId }).from(departments).where(eq(departments.orgId, viewer.orgId)).orderBy(asc(departments.sort), asc(departments.name)),
  ]);
  const pipelines = readablePipelines(viewer, allPipelines);
  const chosen = pipelines.find((p) => p.id === query.pipeline);
  const reported = chosen ? [chosen] : pipelines;
  const period = queryPeriod(query, todayIn(viewer.org.timezone, now));
  const rates = Object.fromEntries(rateRows.map((r) => [r.currency.trim(), r.rate]));
  return {
    query: { ...query, pipeline: chosen ? chosen.id : null },
    period,
    previous: query.compare ? previousPeriod(period) : null,
    pipelines,
    reported,
    filter: { pipelineIds: reported.map((p) => p.id), responsibleIds: responsiblesOf(query, people, tree), departmentId: query.responsible.length ? null : query.department },
    people,
    departments: tree,
    context: { viewerId: viewer.id, timezone: viewer.org.timezone, fields: [], baseCurrency: viewer.org.baseCurrency, rates },
  };
}
