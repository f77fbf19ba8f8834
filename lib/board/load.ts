import { filterContext } from "@/lib/deals/list/context";
import "server-only";
import type { Db } from "@/db/client";
import type { ViewerWithOrg } from "@/lib/auth/viewer";
import { getPipelines } from "@/lib/org/queries";
import { getCurrencyRates } from "@/lib/org/currency-rates";
import { allowedQuery } from "@/lib/deals/list/allowed";
import { parseBoardQuery, type BoardQuery } from "./url-state";
import { readablePipelines } from "./queries";

/** What every board read starts from: the pipelines the viewer may see, the chosen one, and the query (amount filters dropped where amounts are hidden). */
export async function resolveBoard(db: Db, viewer: ViewerWithOrg, params: URLSearchParams | Record<string, string | string[] | undefined>) {
  // Independent reads, at once: each is a round trip to the database on every board request.
  const [allPipelines, rateRows, filters] = await Promise.all([getPipelines(db, viewer.orgId), getCurrencyRates(db, viewer.orgId), filterContext(db, viewer)]);
  const pipelines = readablePipelines(viewer, allPipelines);
  const parsed = parseBoardQuery(params);
  const query: BoardQuery = { ...parsed, filter: allowedQuery(viewer, parsed.filter) };
  const pipeline = pipelines.find((p) => p.id === query.filter.pipeline) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0] ?? null;
  const rates = Object.fromEntries(rateRows.map((r) => [r.currency.trim(), r.rate]));
  const context = { ...filters, baseCurrency: viewer.org.baseCurrency, rates };
  return { pipelines, pipeline, query, context };
}
