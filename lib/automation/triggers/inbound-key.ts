import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgSettings } from "@/db/schema";
import { newSecret, sameSecret } from "./secrets";

/**
 * The org's inbound e-mail key: what a mail server puts in the inbound endpoint's URL
 * (/api/automation/inbound-email?key=…). It is "<org id>.<secret>": the org id finds the org's
 * setting by its primary key, and the secret is then compared in constant time.
 */
const SETTING = "automation.inboundEmailKey";
const KEY_PATTERN = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/;

type Stored = { secret: string };

async function stored(db: Db, orgId: number): Promise<Stored | null> {
  const [row] = await db.select({ value: orgSettings.value }).from(orgSettings).where(and(eq(orgSettings.orgId, orgId), eq(orgSettings.key, SETTING)));
  const value = row?.value as Stored | undefined;
  return value && typeof value.secret === "string" ? value : null;
}

/** The org's key, made on first use. */
export async function inboundEmailKey(db: Db, orgId: number): Promise<string> {
  const existing = await stored(db, orgId);
  if (existing) return `${orgId}.${existing.secret}`;
  const secret = newSecret();
  await db.insert(orgSettings).values({ orgId, key: SETTING, value: { secret } }).onConflictDoNothing();
  // Two first uses at once: whichever was stored first is the key.
  return `${orgId}.${(await stored(db, orgId))!.secret}`;
}

/** A new key: mail servers still using the old one are refused from now on. */
export async function rotateInboundEmailKey(db: Db, orgId: number): Promise<string> {
  const secret = newSecret();
  await db
    .insert(orgSettings)
    .values({ orgId, key: SETTING, value: { secret } })
    .onConflictDoUpdate({ target: [orgSettings.orgId, orgSettings.key], set: { value: { secret } } });
  return `${orgId}.${secret}`;
}

/** The org a key belongs to, or null (malformed, unknown org, wrong secret: one answer). */
export async function orgOfInboundKey(db: Db, key: string): Promise<number | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const orgId = Number(match[1]);
  if (!Number.isSafeInteger(orgId) || orgId > 2 ** 31 - 1) return null;
  const value = await stored(db, orgId);
  return value && sameSecret(match[2]!, value.secret) ? orgId : null;
}
