import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { storedFiles } from "@/db/schema";
import type { ViewerWithOrg } from "@/lib/auth/viewer";
import type { FieldDefinition, StoredValue } from "@/lib/fields/values";
import { readableFile } from "./access";
import { fileStorage } from "./storage";

/**
 * "Copy deal": the copied deal's files, which the form sends back by id, become the new deal's
 * own copies (a file belongs to one deal). Only files the viewer may download from the source
 * deal are copied; any other id is left as sent, for the deal service to refuse.
 */
export async function copyFilesOf(
  db: Db,
  viewer: ViewerWithOrg,
  sourceDealId: number,
  defs: FieldDefinition[],
  custom: Record<string, StoredValue | null>,
  onFailure: (undo: () => Promise<void>) => void,
): Promise<Record<string, StoredValue | null>> {
  const result = { ...custom };
  for (const def of defs) {
    const value = custom[def.code];
    if (def.type !== "file" || value === null || value === undefined) continue;
    const ids: number[] = [];
    for (const id of (Array.isArray(value) ? value : [value]) as number[]) {
      const file = await readableFile(db, viewer, id);
      if (!file || file.dealId !== sourceDealId || file.fieldCode !== def.code) {
        ids.push(id);
        continue;
      }
      const bytes = await fileStorage().get(file.key);
      if (!bytes) continue;
      const key = `${viewer.orgId}/${randomBytes(16).toString("hex")}`;
      onFailure(() => fileStorage().remove(key));
      await fileStorage().put(key, bytes);
      const [row] = await db
        .insert(storedFiles)
        .values({ orgId: viewer.orgId, fieldCode: def.code, key, name: file.name, type: file.type, size: file.size, createdById: viewer.id })
        .returning({ id: storedFiles.id });
      ids.push(row!.id);
    }
    result[def.code] = def.multiple ? ids : (ids[0] ?? null);
  }
  return result;
}
