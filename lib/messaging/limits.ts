import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, type MessageChannel } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";

/**
 * How many messages of a channel an org, and one deal, may queue per hour (a robot loop or a bulk
 * move must not mail a client fifty times). From the environment; 0 turns a limit off.
 */
export function messageLimits(channel: MessageChannel, env: NodeJS.ProcessEnv = process.env): { perOrgHour: number; perDealHour: number } {
  const read = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    return raw && /^\d+$/.test(raw) ? Number(raw) : fallback;
  };
  return channel === "email"
    ? { perOrgHour: read("CRM_MAIL_PER_ORG_HOUR", 500), perDealHour: read("CRM_MAIL_PER_DEAL_HOUR", 20) }
    : { perOrgHour: read("CRM_SMS_PER_ORG_HOUR", 200), perDealHour: read("CRM_SMS_PER_DEAL_HOUR", 10) };
}

/**
 * Refuses a new message when the org, or the deal, queued its hour's worth of this channel
 * already (messages created in the last 60 minutes, whatever became of them; both counts read an
 * index). Concurrent writers may pass together by one message each: a limit against floods, not
 * a quota.
 */
export async function assertWithinLimits(db: Db, { orgId, dealId, channel }: { orgId: number; dealId: number | null; channel: MessageChannel }, now = new Date()): Promise<void> {
  const { perOrgHour, perDealHour } = messageLimits(channel);
  const since = new Date(now.getTime() - 3_600_000);
  const recent = (where: ReturnType<typeof and>) => db.select({ n: count() }).from(messages).where(where);
  if (perOrgHour > 0) {
    const [org] = await recent(and(eq(messages.orgId, orgId), eq(messages.channel, channel), gt(messages.createdAt, since)));
    if ((org?.n ?? 0) >= perOrgHour) throw new ActionError("invalid", channel === "email" ? "messaging.errors.orgLimitEmail" : "messaging.errors.orgLimitSms", { limit: perOrgHour });
  }
  if (perDealHour > 0 && dealId !== null) {
    const [deal] = await recent(and(eq(messages.dealId, dealId), eq(messages.channel, channel), gt(messages.createdAt, since)));
    if ((deal?.n ?? 0) >= perDealHour) throw new ActionError("invalid", channel === "email" ? "messaging.errors.dealLimitEmail" : "messaging.errors.dealLimitSms", { limit: perDealHour });
  }
}
