import type { Db } from "@/db/client";
import { getFilterableFields, type FieldViewer } from "@/lib/fields/queries";
import type { FilterContext } from "./sql";

/** The filter context of a signed-in viewer: every list, board, export and bulk action builds it here, so custom filters apply alike. */
export async function filterContext(db: Db, viewer: FieldViewer & { org: { timezone: string } }): Promise<FilterContext> {
  return { viewerId: viewer.id, timezone: viewer.org.timezone, fields: await getFilterableFields(db, viewer) };
}
