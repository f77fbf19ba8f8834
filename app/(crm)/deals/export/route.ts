import { filterContext } from "@/lib/deals/list/context";
import { defineRoute, type RouteContext } from "@/lib/http/route";
import { csvHeader, csvRow } from "@/lib/deals/list/csv";
import { tableExportResponse } from "@/lib/http/table-export";
import { getCustomListColumns, getListColumns } from "@/lib/deals/list/preferences";
import { customCellReader } from "@/lib/fields/cells";
import { listDealsPage } from "@/lib/deals/list/queries";
import { pagesAhead } from "@/lib/deals/list/pages-ahead";
import { parseListQuery, type ListQuery, type PageSize } from "@/lib/deals/list/url-state";
import { todayIn } from "@/lib/i18n/format";

export const dynamic = "force-dynamic";
const BATCH = 1000 as PageSize;

/**
 * The current filter and columns as CSV (UTF-8 with a BOM, so Excel reads Vietnamese correctly)
 * or, with ?format=xlsx, as an Excel workbook; streamed a keyset page at a time: 100,000 rows never sit in memory. Only deals the viewer may
 * EXPORT are included.
 */
export const GET = defineRoute({ signedOut: "login", handle: async (_input, context) => exportDeals(context) });

async function exportDeals({ viewer, db, t, locale, url }: RouteContext): Promise<Response> {
  const query: ListQuery = { ...parseListQuery(url.searchParams), after: null, before: null, size: BATCH };
  const [columns, customColumns] = await Promise.all([getListColumns(db, viewer), getCustomListColumns(db, viewer)]);
  const header = [...csvHeader(columns, t), ...customColumns.map((c) => c.label)];
  const context = await filterContext(db, viewer);
  // Names the custom columns point to are read once for the whole export, not per page.
  const cellTexts = customCellReader(db, viewer.orgId, customColumns);
  const filename = `deals-${todayIn(viewer.org.timezone)}`;
  /** The next page of rows as cells (the chosen columns, then the chosen custom fields as text); the one after it is read meanwhile. */
  const nextRead = pagesAhead(async (after) => {
    const page = await listDealsPage(db, viewer, { ...query, after }, context, "EXPORT", customColumns.map((c) => c.code));
    const texts = await cellTexts(page.rows, { t, locale, timeZone: viewer.org.timezone });
    return { rows: page.rows, texts, next: page.next };
  });
  const nextPage = async () => {
    const page = await nextRead();
    if (!page) return null;
    return page.rows.map((row) => [...csvRow(row, columns, t, viewer.org.timezone), ...customColumns.map((c) => page.texts.get(row.id)?.[c.code] ?? "")]);
  };

  // The amount column (after the id, where the user put it) is a number in Excel.
  const amountAt = columns.indexOf("amount");
  const numeric = new Set(amountAt >= 0 ? [1 + columns.slice(0, amountAt).length] : []);
  return tableExportResponse({ format: url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv", filename, sheet: t("deals.title"), header, nextPage, numeric });
}
