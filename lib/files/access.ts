import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customFields, deals, storedFiles } from "@/db/schema";
import { mayView, type FieldViewer } from "@/lib/fields/queries";
import { dealScope, type Viewer } from "@/lib/permissions";

/**
 * A stored file, if the viewer may download it: they may see its field, and the deal it was
 * uploaded into, which they may read, holds it in that field (one value or one of a list).
 * Anything else is "not found".
 */
export async function readableFile(db: Db, viewer: Viewer & FieldViewer, id: number) {
  const [file] = await db.select().from(storedFiles).where(and(eq(storedFiles.orgId, viewer.orgId), eq(storedFiles.id, id)));
  if (!file || file.dealId === null) return null;
  const [field] = await db.select().from(customFields).where(and(eq(customFields.orgId, viewer.orgId), eq(customFields.code, file.fieldCode)));
  if (!field || !mayView(field, viewer)) return null;
  const [holder] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(
      and(
        eq(deals.orgId, viewer.orgId),
        eq(deals.id, file.dealId),
        sql`(${deals.custom} -> ${file.fieldCode} = to_jsonb(${id}::int) or ${deals.custom} -> ${file.fieldCode} @> jsonb_build_array(${id}::int))`,
        dealScope(viewer, "READ"),
      ),
    )
    .limit(1);
  return holder ? file : null;
}
