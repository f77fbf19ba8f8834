import { listQueryParams, parseListQuery } from "@/lib/deals/list/url-state";
import { lastDay, type Period } from "./period";
import type { ReportFilter } from "./reach";

/**
 * The deal list behind a figure: the same pipeline, responsibles and "reached the stage in the
 * period" (the list's filter speaks inclusive days, the period excludes its end).
 */
export function reachedListHref(filter: ReportFilter, pipelineId: number | null, stageIds: number[], period: Period, responsibleIds = filter.responsibleIds ?? []): string {
  const query = {
    ...parseListQuery({}),
    pipeline: pipelineId,
    responsible: responsibleIds,
    reached: stageIds,
    reachedFrom: period.from,
    reachedTo: lastDay(period),
  };
  return `/deals?${listQueryParams(query).toString()}`;
}
