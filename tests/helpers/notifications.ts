import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";

/**
 * What a listener has heard on a channel of everything committed until now, once it has all arrived:
 * notifications come in commit order, so when a marker sent now is heard, nothing sent before it is
 * still on its way. Lets a test say "and nothing else" without sleeping.
 */
export async function heardSoFar(db: Db, channel: string, received: string[]): Promise<string[]> {
  const marker = `heard-so-far ${randomUUID()}`;
  await db.execute(sql`select pg_notify(${channel}, ${marker})`);
  await expect.poll(() => received.includes(marker)).toBe(true);
  return received.slice(0, received.indexOf(marker));
}
