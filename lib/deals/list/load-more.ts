"use server";

import { filterContext } from "@/lib/deals/list/context";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { listDealsPage } from "./queries";
import { withCustomText } from "./custom-columns";
import { getCustomListColumns } from "./preferences";
import { getI18n } from "@/lib/i18n/server";
import { parseListQuery } from "./url-state";

/** "Show more": the page after a cursor, for the same URL query, checked like the page itself. */
export async function loadMoreDeals(queryString: string, after: string) {
  const viewer = await requireViewer();
  const query = parseListQuery(new URLSearchParams(queryString));
  const db = await getDb();
  const columns = await getCustomListColumns(db, viewer);
  const page = await listDealsPage(db, viewer, { ...query, after, before: null }, await filterContext(db, viewer), "READ", columns.map((c) => c.code));
  const { t, locale } = await getI18n();
  const rows = await withCustomText(db, viewer, columns, page.rows, { t, locale });
  return { rows, next: page.next };
}
