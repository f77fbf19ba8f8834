import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgSettings } from "@/db/schema";
import { requireSetUp, type Viewer } from "@/lib/permissions";

/** The org's sender: org_settings "messaging.email" = { from, replyTo }. */
export const EMAIL_SETTINGS_KEY = "messaging.email";
export type EmailSettings = { from: string; replyTo: string | null };

/** The address messages come from when the org set none: MAIL_FROM, else a local no-reply. */
export function defaultFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAIL_FROM || "CRM <no-reply@localhost>";
}

/** What the org saved, as typed ("" where nothing is set). */
async function savedSettings(db: Db, orgId: number): Promise<{ from: string; replyTo: string }> {
  const [row] = await db.select({ value: orgSettings.value }).from(orgSettings).where(and(eq(orgSettings.orgId, orgId), eq(orgSettings.key, EMAIL_SETTINGS_KEY)));
  const value = (row?.value ?? {}) as Partial<Record<keyof EmailSettings, unknown>>;
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  return { from: text(value.from), replyTo: text(value.replyTo) };
}

/** The sender of the org's e-mails, defaults applied. */
export async function getEmailSettings(db: Db, orgId: number): Promise<EmailSettings> {
  const saved = await savedSettings(db, orgId);
  return { from: saved.from || defaultFrom(), replyTo: saved.replyTo || null };
}

/** The sender form's values (administrators). */
export async function getSavedEmailSettings(db: Db, viewer: Viewer): Promise<{ from: string; replyTo: string }> {
  requireSetUp(viewer);
  return savedSettings(db, viewer.orgId);
}

/** Administrators set the sender (Settings → Outbox); empty values fall back to the defaults. */
export async function saveEmailSettings(db: Db, viewer: Viewer, settings: { from: string | null; replyTo: string | null }): Promise<void> {
  requireSetUp(viewer);
  const value = { from: settings.from ?? "", replyTo: settings.replyTo ?? "" };
  await db
    .insert(orgSettings)
    .values({ orgId: viewer.orgId, key: EMAIL_SETTINGS_KEY, value })
    .onConflictDoUpdate({ target: [orgSettings.orgId, orgSettings.key], set: { value } });
}
