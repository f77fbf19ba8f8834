import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealEvents, notifications, users } from "@/db/schema";
import type { Viewer } from "@/lib/permissions";
import { lockDealsForUpdate } from "@/lib/deals/service";
import { findMentions } from "./mentions";
import { readersAmong } from "@/lib/permissions/readers";

/**
 * A comment on the deal's timeline; each user it @mentions (but the author) who may read the deal
 * gets a notification. Nobody else learns the deal's title or the comment's text from it.
 */
export async function addComment(db: Db, viewer: Viewer, dealId: number, body: string, now = new Date()): Promise<{ id: number; mentioned: number[] }> {
  return (await addComments(db, viewer, [dealId], body, now))[0]!;
}

/** The same comment on many deals the viewer may change (a robot's, on every deal a bulk move brought), in a few statements; the first refusal refuses all. */
export async function addComments(db: Db, viewer: Viewer, dealIds: number[], body: string, now = new Date()): Promise<{ id: number; mentioned: number[] }[]> {
  if (dealIds.length === 0) return [];
  const locked = await lockDealsForUpdate(db, viewer, dealIds);
  const events = await db
    .insert(dealEvents)
    .values(dealIds.map((dealId) => ({ orgId: viewer.orgId, dealId, kind: "comment" as const, body, userId: viewer.id, at: now })))
    .returning({ id: dealEvents.id });
  // Without an "@" nobody is mentioned: the org's people are not read.
  const people = body.includes("@") ? await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.orgId, viewer.orgId), eq(users.active, true))) : [];
  const candidates = findMentions(body, people).filter((id) => id !== viewer.id);
  const results: { id: number; mentioned: number[] }[] = [];
  for (const [i, deal] of locked.entries()) {
    const id = events[i]!.id;
    const mentioned = candidates.length ? await readersAmong(db, deal, candidates) : [];
    if (mentioned.length) {
      await db
        .insert(notifications)
        .values(
          mentioned.map((userId) => ({
            orgId: viewer.orgId,
            userId,
            kind: "mention" as const,
            dealId: deal.id,
            data: { author: viewer.name, dealTitle: deal.title, excerpt: body.slice(0, 140) },
            key: `mention:${id}:${userId}`,
            createdAt: now,
          })),
        )
        .onConflictDoNothing();
    }
    results.push({ id, mentioned });
  }
  return results;
}
