import { listQueryParams, parseListQuery, type ListQuery } from "@/lib/deals/list/url-state";
import { boardQueryParams } from "@/lib/board/url-state";
import { lastDay, type Period } from "./period";
import type { ReportFilter } from "./reach";

/**
 * Whose deals a link lists: the people named (a person's row), else the report's department (the
 * list walks it: any number of people), else the responsibles the filter chose.
 */
function whose(filter: ReportFilter, responsibleIds?: number[]): Pick<ListQuery, "responsible" | "department"> {
  if (responsibleIds) return { responsible: responsibleIds, department: null };
  if (filter.departmentId) return { responsible: [], department: filter.departmentId };
  return { responsible: filter.responsibleIds ?? [], department: null };
}

/**
 * The deal list behind a figure: the same pipeline, responsibles and "reached the stage in the
 * period" (the list's filter speaks inclusive days, the period excludes its end).
 */
export function reachedListHref(
  filter: ReportFilter,
  pipelineId: number | null,
  stageIds: number[],
  period: Period,
  responsibleIds?: number[],
  /** A client, product or catalogue section the figure is about. */
  narrower: Pick<Partial<ListQuery>, "company" | "contact" | "product" | "section"> = {},
): string {
  const query = {
    ...parseListQuery({}),
    ...narrower,
    pipeline: pipelineId,
    ...whose(filter, responsibleIds),
    reached: stageIds,
    reachedFrom: period.from,
    reachedTo: lastDay(period),
  };
  return `/deals?${listQueryParams(query).toString()}`;
}

/** The open deals behind a forecast figure: in a stage in progress, expected to close between two days (inclusive; either open-ended). */
export function openDealsHref(filter: ReportFilter, pipelineId: number | null, closeFrom: string | null, closeTo: string | null): string {
  const query = { ...parseListQuery({}), pipeline: pipelineId, ...whose(filter), semantics: ["P" as const], closeFrom, closeTo };
  return `/deals?${listQueryParams(query).toString()}`;
}

/** The deals that left a stage (their last time) in the period: a cycle-time figure's list. */
export function leftListHref(filter: ReportFilter, pipelineId: number, stageId: number, period: Period): string {
  const query = { ...parseListQuery({}), pipeline: pipelineId, ...whose(filter), left: [stageId], leftFrom: period.from, leftTo: lastDay(period) };
  return `/deals?${listQueryParams(query).toString()}`;
}

/** The board's column of a stage showing only its stale deals now. */
export function staleBoardHref(filter: ReportFilter, pipelineId: number, stageId: number): string {
  const query = { ...parseListQuery({}), pipeline: pipelineId, ...whose(filter), stages: [stageId] };
  return `/deals/kanban?${boardQueryParams({ filter: query, order: "manual", stale: true, add: null }).toString()}`;
}
