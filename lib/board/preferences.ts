import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgSettings, userSettings } from "@/db/schema";
import type { Viewer } from "@/lib/permissions";
import { CARD_FIELDS_SETTING, cleanCardFields, defaultCardFields, type CardField } from "./card-fields";

/** The viewer's own choice, else the org's, else the default. */
export async function getCardFields(db: Db, viewer: Viewer): Promise<{ fields: CardField[]; personal: boolean }> {
  const [mine] = await db.select({ value: userSettings.value }).from(userSettings).where(and(eq(userSettings.userId, viewer.id), eq(userSettings.key, CARD_FIELDS_SETTING)));
  const own = cleanCardFields(mine?.value);
  if (own) return { fields: own, personal: true };
  const [common] = await db.select({ value: orgSettings.value }).from(orgSettings).where(and(eq(orgSettings.orgId, viewer.orgId), eq(orgSettings.key, CARD_FIELDS_SETTING)));
  return { fields: cleanCardFields(common?.value) ?? defaultCardFields, personal: false };
}

export async function saveCardFields(db: Db, viewer: Viewer, fields: string[], forEveryone: boolean): Promise<void> {
  const value = cleanCardFields(fields) ?? [];
  if (forEveryone) {
    await db.insert(orgSettings).values({ orgId: viewer.orgId, key: CARD_FIELDS_SETTING, value }).onConflictDoUpdate({ target: [orgSettings.orgId, orgSettings.key], set: { value } });
    // Everyone sees the common choice: personal ones would hide it.
    await db.delete(userSettings).where(and(eq(userSettings.orgId, viewer.orgId), eq(userSettings.key, CARD_FIELDS_SETTING)));
    return;
  }
  await db
    .insert(userSettings)
    .values({ orgId: viewer.orgId, userId: viewer.id, key: CARD_FIELDS_SETTING, value })
    .onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value } });
}

export async function resetCardFields(db: Db, viewer: Viewer): Promise<void> {
  await db.delete(userSettings).where(and(eq(userSettings.userId, viewer.id), eq(userSettings.key, CARD_FIELDS_SETTING)));
}
