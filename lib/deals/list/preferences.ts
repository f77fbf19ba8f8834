import "server-only";
import { cache } from "react";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listPresets, userSettings } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { Viewer } from "@/lib/permissions";
import { cleanColumns, COLUMNS_SETTING, type ColumnKey } from "./columns";
import { isValidCode } from "@/lib/fields/code";
import { getCustomFields, mayView, toDefinition } from "@/lib/fields/queries";
import type { FieldDefinition } from "@/lib/fields/values";

/** The user's saved columns, read once per request (standard and custom columns both come from it). */
const savedColumnsOf = cache(async (db: Db, userId: number): Promise<unknown> => {
  const [row] = await db.select({ value: userSettings.value }).from(userSettings).where(and(eq(userSettings.userId, userId), eq(userSettings.key, COLUMNS_SETTING)));
  return row?.value;
});
const savedColumns = (db: Db, viewer: Viewer) => savedColumnsOf(db, viewer.id);

export async function getListColumns(db: Db, viewer: Viewer): Promise<ColumnKey[]> {
  return cleanColumns(await savedColumns(db, viewer));
}

/**
 * The custom columns among the fields marked "as a list column", in the fields' order: those the
 * user chose, or, for someone who never chose their columns, every one of them.
 */
export async function getCustomListColumns(db: Db, viewer: Viewer): Promise<FieldDefinition[]> {
  const [saved, fields] = await Promise.all([savedColumns(db, viewer), getCustomFields(db, viewer.orgId)]);
  const chosen = Array.isArray(saved) ? new Set(saved) : null;
  return fields.filter((f) => f.showInList && (chosen === null || chosen.has(f.code)) && mayView(f, viewer)).map(toDefinition);
}

export async function saveListColumns(db: Db, viewer: Viewer, columns: string[]): Promise<void> {
  const value = [...cleanColumns(columns), ...columns.filter(isValidCode)];
  await db
    .insert(userSettings)
    .values({ orgId: viewer.orgId, userId: viewer.id, key: COLUMNS_SETTING, value })
    .onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value } });
}

export const PRESET_LIST = "deals";
export const PRESETS_MAX = 50;

export async function getPresets(db: Db, viewer: Viewer) {
  return db
    .select({ id: listPresets.id, name: listPresets.name, query: listPresets.query })
    .from(listPresets)
    .where(and(eq(listPresets.orgId, viewer.orgId), eq(listPresets.userId, viewer.id), eq(listPresets.list, PRESET_LIST)))
    .orderBy(asc(listPresets.name));
}

export async function savePreset(db: Db, viewer: Viewer, name: string, query: string): Promise<void> {
  const existing = await getPresets(db, viewer);
  const same = existing.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (same) {
    await db.update(listPresets).set({ query }).where(eq(listPresets.id, same.id));
    return;
  }
  if (existing.length >= PRESETS_MAX) throw new ActionError("invalid", "list.tooManyPresets", { max: PRESETS_MAX });
  await db.insert(listPresets).values({ orgId: viewer.orgId, userId: viewer.id, list: PRESET_LIST, name, query });
}

export async function deletePreset(db: Db, viewer: Viewer, id: number): Promise<void> {
  await db.delete(listPresets).where(and(eq(listPresets.id, id), eq(listPresets.userId, viewer.id)));
}
