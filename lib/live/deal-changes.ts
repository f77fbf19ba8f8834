import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** The channel that tells open boards which stages changed. */
export const DEAL_CHANNEL = "crm_deals";

/** What an open board needs to know: which org and which stages to re-read. No deal data. */
export type DealChange = { orgId: number; stageIds: number[] };

/**
 * Announces that deals in these stages changed. Sent inside the writing transaction: PostgreSQL
 * delivers it on commit (never for a rolled-back change) and merges identical notices of one
 * transaction, so a bulk action of 10,000 deals sends a handful.
 */
export async function announceDealChange(db: Db, orgId: number, stageIds: number[]): Promise<void> {
  const unique = [...new Set(stageIds)].sort((a, b) => a - b);
  await db.execute(sql`select pg_notify(${DEAL_CHANNEL}, ${JSON.stringify({ o: orgId, s: unique })})`);
}

export function parseDealChange(payload: string): DealChange | null {
  try {
    const parsed = JSON.parse(payload) as { o?: unknown; s?: unknown };
    if (typeof parsed.o !== "number" || !Array.isArray(parsed.s) || !parsed.s.every((s) => typeof s === "number")) return null;
    return { orgId: parsed.o, stageIds: parsed.s as number[] };
  } catch {
    return null;
  }
}
