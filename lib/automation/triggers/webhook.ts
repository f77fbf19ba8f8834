import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { automationTriggers } from "@/db/schema";
import { parseId } from "@/lib/ids";
import { enqueueFirings } from "./detect";
import { sameSecret, SECRET_PATTERN } from "./secrets";

/**
 * Incoming webhooks (trigger kind "incomingWebhook"): another system POSTs { "dealId": 123 }
 * (JSON, or dealId=123 form-encoded) to /api/automation/hooks/<the trigger's secret>, and the
 * trigger moves that deal. The answer never says more about a deal than "not found" for one
 * that is not in the trigger's org, whether it exists elsewhere or not at all.
 */

export const WEBHOOK_BODY_MAX_BYTES = 64 * 1024;

export type WebhookTrigger = { id: number; orgId: number; enabled: boolean };

/**
 * The trigger a secret names, or null. The secret is looked up through its unique index and then
 * compared in constant time: it is 256 random bits, so the index walk tells a guesser nothing
 * useful, and the final comparison does not leak how much of it matched.
 */
export async function webhookTrigger(db: Db, secret: string): Promise<WebhookTrigger | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const [row] = await db
    .select({ id: automationTriggers.id, orgId: automationTriggers.orgId, enabled: automationTriggers.enabled, secret: automationTriggers.secret })
    .from(automationTriggers)
    .where(and(eq(automationTriggers.secret, secret), eq(automationTriggers.kind, "incomingWebhook")));
  if (!row?.secret || !sameSecret(secret, row.secret)) return null;
  return { id: row.id, orgId: row.orgId, enabled: row.enabled };
}

/** The deal id a webhook's body names: JSON { dealId } or a form's dealId=…; null when there is none. */
export function dealIdOfBody(mediaType: string, body: Buffer): number | null {
  const text = body.toString("utf8");
  if (mediaType === "application/x-www-form-urlencoded") return parseId(new URLSearchParams(text).get("dealId"));
  if (mediaType === "application/json" || mediaType === "" || mediaType === "text/plain") {
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value) ? parseId((value as Record<string, unknown>).dealId) : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Is the deal one of the org's? (Only the trigger's org is ever asked about.) */
export async function dealInOrg(db: Db, orgId: number, dealId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from deals where org_id = ${orgId} and id = ${dealId}`);
  return rows.length > 0;
}

/** Queues the trigger's firing on the deal, in the caller's transaction. */
export async function acceptWebhook(db: Db, trigger: WebhookTrigger, dealId: number): Promise<void> {
  await enqueueFirings(db, trigger.orgId, [{ triggerId: trigger.id, dealId }]);
}
