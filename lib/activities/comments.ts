import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealEvents, notifications, users } from "@/db/schema";
import type { Viewer } from "@/lib/permissions";
import { lockDealForUpdate } from "@/lib/deals/service";
import { findMentions } from "./mentions";
import { readersAmong } from "@/lib/permissions/readers";

/**
 * A comment on the deal's timeline; each user it @mentions (but the author) who may read the deal
 * gets a notification. Nobody else learns the deal's title or the comment's text from it.
 */
export async function addComment(db: Db, viewer: Viewer, dealId: number, body: string, now = new Date()): Promise<{ id: number; mentioned: number[] }> {
  const deal = await lockDealForUpdate(db, viewer, dealId);
  const [event] = await db
    .insert(dealEvents)
    .values({ orgId: viewer.orgId, dealId, kind: "comment", body, userId: viewer.id, at: now })
    .returning({ id: dealEvents.id });
  const people = await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.orgId, viewer.orgId), eq(users.active, true)));
  const mentioned = await readersAmong(db, deal, findMentions(body, people).filter((id) => id !== viewer.id));
  if (mentioned.length) {
    await db
      .insert(notifications)
      .values(
        mentioned.map((userId) => ({
          orgId: viewer.orgId,
          userId,
          kind: "mention" as const,
          dealId,
          data: { author: viewer.name, dealTitle: deal.title, excerpt: body.slice(0, 140) },
          key: `mention:${event!.id}:${userId}`,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
  }
  return { id: event!.id, mentioned };
}
