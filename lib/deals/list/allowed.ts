import { hidesAnyAmounts, type Viewer } from "@/lib/permissions";
import { withoutAmounts, type ListQuery } from "./url-state";

/**
 * The list query as this viewer may use it: the one place that drops filters and orders the
 * viewer may not use, applied by every SQL path (list, count, "all matching" bulk actions,
 * export, board cards and totals) and by pages for what they show. Where any pipeline hides
 * amounts, a filter or an order by amount would narrow a hidden amount down (a binary search
 * finds one in ~36 requests), so it answers exactly as if it were absent.
 */
export function allowedQuery(viewer: Viewer, query: ListQuery): ListQuery {
  return hidesAnyAmounts(viewer) ? withoutAmounts(query) : query;
}
