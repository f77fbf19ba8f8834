import type { Db } from "@/db/client";
import { listDealsPage, type ListRow } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import type { Viewer } from "@/lib/permissions";

/** Every row the deal list shows a viewer (newest first), walking its pages as the page does. */
export async function listedRows(db: Db, viewer: Viewer, params: Record<string, string> = {}): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  const context = { viewerId: viewer.id, timezone: "Asia/Ho_Chi_Minh", fields: [] };
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listDealsPage>> = await listDealsPage(db, viewer, { ...parseListQuery({ size: "200", ...params }), after }, context);
    rows.push(...page.rows);
    after = page.next;
  } while (after);
  return rows;
}
