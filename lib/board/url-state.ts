import { parseListQuery, listQueryParams, type ListQuery } from "@/lib/deals/list/url-state";
import { parseId } from "@/lib/ids";

/** Card order in a column: the team's manual order, or sorted by a field. */
export const boardOrders = ["manual", "newest", "activity", "amount", "closeDate"] as const;
export type BoardOrder = (typeof boardOrders)[number];

/** The board's state in the URL: the list view's filters plus the board's own choices. */
export type BoardQuery = { filter: ListQuery; order: BoardOrder; stale: boolean; /** The column whose quick-add form is open. */ add: number | null };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, key: string): string {
  if (params instanceof URLSearchParams) return params.get(key) ?? "";
  const v = params[key];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

export function parseBoardQuery(params: Params): BoardQuery {
  const order = first(params, "order");
  return {
    // Paging and sorting of the list do not apply to a board.
    filter: { ...parseListQuery(params), after: null, before: null, count: false },
    order: (boardOrders as readonly string[]).includes(order) ? (order as BoardOrder) : "manual",
    stale: ["1", "on", "true"].includes(first(params, "stale")),
    add: parseId(first(params, "add")),
  };
}

export function boardQueryParams(query: BoardQuery, changes: Partial<BoardQuery> = {}): URLSearchParams {
  const q = { ...query, ...changes };
  const params = listQueryParams(q.filter);
  for (const key of ["sort", "dir", "size"]) params.delete(key);
  if (q.order !== "manual") params.set("order", q.order);
  if (q.stale) params.set("stale", "1");
  if (q.add) params.set("add", String(q.add));
  return params;
}

/** Won and lost deals are off the board unless the filter asks for them; then they get columns. */
export function shownSemantics(query: BoardQuery): ("P" | "S" | "F")[] {
  return query.filter.semantics.length ? query.filter.semantics : ["P"];
}
