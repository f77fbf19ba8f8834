"use server";

import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { hidesAnyAmounts } from "@/lib/permissions";
import { listDealsPage } from "./queries";
import { parseListQuery, withoutAmounts } from "./query";

/** "Show more": the page after a cursor, for the same URL query, checked like the page itself. */
export async function loadMoreDeals(queryString: string, after: string) {
  const viewer = await requireViewer();
  let query = parseListQuery(new URLSearchParams(queryString));
  if (hidesAnyAmounts(viewer)) query = withoutAmounts(query);
  const page = await listDealsPage(await getDb(), viewer, { ...query, after, before: null }, { viewerId: viewer.id, timezone: viewer.org.timezone });
  return { rows: page.rows, next: page.next };
}
