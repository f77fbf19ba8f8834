import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { storedFiles } from "@/db/schema";
import type { FieldDefinition } from "@/lib/fields/values";
import type { Translate } from "@/lib/i18n/translate";
import { fileStorage } from "./storage";

import { DEFAULT_EXTENSIONS, DEFAULT_MAX_MB, NEVER_EXTENSIONS as NEVER, UPLOAD_HARD_MAX_MB } from "./limits";

export const maxSizeOf = (def: FieldDefinition) => Math.min(def.settings.maxSizeMb ?? DEFAULT_MAX_MB, UPLOAD_HARD_MAX_MB);
export const extensionsOf = (def: FieldDefinition) => (def.settings.extensions?.length ? def.settings.extensions : DEFAULT_EXTENSIONS).filter((e) => !NEVER.has(e));

/** Why a file may not go into a field (a message in the user's words), or null when it may. */
export function refuseUpload(def: FieldDefinition, file: { name: string; size: number }, t: Translate): string | null {
  const max = maxSizeOf(def);
  if (file.size > max * 1024 * 1024) return t("files.tooBig", { name: file.name, max });
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const allowed = extensionsOf(def);
  if (!allowed.includes(extension)) return t("files.badType", { name: file.name, allowed: allowed.join(", ") });
  return null;
}

/**
 * Stores an accepted file and returns its id; the bytes go to the storage, the facts to
 * stored_files. `onFailure` (the action's) removes the bytes at once if the action is refused
 * later: the transaction takes the row back, not the bytes.
 */
export async function storeUpload(db: Db, orgId: number, userId: number, def: FieldDefinition, file: File, onFailure?: (undo: () => Promise<void>) => void): Promise<number> {
  const key = `${orgId}/${randomBytes(16).toString("hex")}`;
  onFailure?.(() => fileStorage().remove(key));
  await fileStorage().put(key, new Uint8Array(await file.arrayBuffer()));
  const [row] = await db
    .insert(storedFiles)
    .values({ orgId, fieldCode: def.code, key, name: file.name.slice(0, 255), type: file.type.slice(0, 100) || "application/octet-stream", size: file.size, createdById: userId })
    .returning({ id: storedFiles.id });
  return row!.id;
}

export async function fileNames(db: Db, orgId: number, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: storedFiles.id, name: storedFiles.name }).from(storedFiles).where(and(eq(storedFiles.orgId, orgId), inArray(storedFiles.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
