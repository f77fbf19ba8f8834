import "server-only";
import { getDb } from "@/db/client";
import { myPlansThisMonth } from "@/lib/analytics/my-plan";
import { viewerCounters } from "@/lib/activities/viewer-counters";
import { requireViewer } from "@/lib/auth/viewer";
import { getCustomFields } from "@/lib/fields/queries";
import { getI18n } from "@/lib/i18n/server";
import { getDealFormOptions } from "@/lib/org/queries";
import { hidesAnyAmounts, mayAnywhere, mayImport } from "@/lib/permissions";
import { allowedQuery } from "./allowed";
import { filterContext } from "./context";
import { withCustomText } from "./custom-columns";
import { getCustomListColumns, getListColumns, getPresets } from "./preferences";
import { countDeals, listDealsPage } from "./queries";
import { filterChips } from "./chips";
import { parseListQuery, type ListQuery } from "./url-state";

type Params = Record<string, string | string[] | undefined>;

/**
 * Everything the deal list shows, read for one request: the viewer, the query as they may use it,
 * what they may do, the page of rows (custom columns as text), the total when asked for, their
 * columns and presets, the counters, the applied filters' chips, and the drop-downs' choices only for the forms that show
 * them (`forms`: the filter panel is open, the bulk action's second step is on).
 */
export async function loadListPage(params: Params, forms: { filtersOpen: boolean; bulkStep: boolean }) {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const query: ListQuery = allowedQuery(viewer, parseListQuery(params));
  // Only what the viewer may do is offered (a read-only user sees no Add, Import or bulk actions).
  const may = {
    add: mayAnywhere(viewer, "ADD"),
    import: mayImport(viewer),
    export: mayAnywhere(viewer, "EXPORT"),
    bulk: mayAnywhere(viewer, "UPDATE") || mayAnywhere(viewer, "DELETE"),
    filterByAmount: !hidesAnyAmounts(viewer),
  };
  const [context, customColumns] = await Promise.all([filterContext(db, viewer), getCustomListColumns(db, viewer)]);
  const [page, total, columns, presets, options, counters, allFields, myPlans, chips] = await Promise.all([
    listDealsPage(db, viewer, query, context, "READ", customColumns.map((c) => c.code)),
    query.count ? countDeals(db, viewer, query, context) : Promise.resolve(null),
    getListColumns(db, viewer),
    getPresets(db, viewer),
    forms.filtersOpen || forms.bulkStep
      ? getDealFormOptions(db, viewer.orgId, undefined, { companyIds: query.company ? [query.company] : [], contactIds: query.contact ? [query.contact] : [] }, { clients: forms.filtersOpen })
      : Promise.resolve(null),
    viewerCounters(viewer),
    getCustomFields(db, viewer.orgId),
    myPlansThisMonth(db, viewer),
    filterChips(db, viewer, query, context, t, locale),
  ]);
  const rows = await withCustomText(db, viewer, customColumns, page.rows, { t, locale });
  return { viewer, t, locale, query, may, context, customColumns, page, rows, total, columns, presets, options, counters, allFields, myPlans, chips };
}
