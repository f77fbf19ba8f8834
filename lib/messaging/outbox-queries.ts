import "server-only";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deals, messages } from "@/db/schema";
import { dealScope, requireSetUp, type Viewer } from "@/lib/permissions";

export const OUTBOX_PAGE_SIZE = 50;

export type OutboxMessage = typeof messages.$inferSelect;

/**
 * Settings → Outbox, administrators only: the org's messages newest first, a keyset page at a time
 * (`before`: the last id shown; the (org_id, id desc) index serves every page alike). Each row's
 * deal comes with its title only when the viewer may read it.
 */
export async function getOutboxPage(db: Db, viewer: Viewer, before: number | null) {
  requireSetUp(viewer);
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.orgId, viewer.orgId), before === null ? undefined : lt(messages.id, before)))
    .orderBy(desc(messages.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
  const page = rows.slice(0, OUTBOX_PAGE_SIZE);
  const titles = await readableDealTitles(db, viewer, page.map((m) => m.dealId));
  return {
    messages: page.map((message) => ({ message, deal: message.dealId === null ? null : (titles.get(message.dealId) ?? null) })),
    older: rows.length > OUTBOX_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}

/** One message of the org, with its deal if readable; null when there is none with this id. */
export async function getOutboxMessage(db: Db, viewer: Viewer, id: number) {
  requireSetUp(viewer);
  const [message] = await db.select().from(messages).where(and(eq(messages.orgId, viewer.orgId), eq(messages.id, id)));
  if (!message) return null;
  const titles = await readableDealTitles(db, viewer, [message.dealId]);
  return { message, deal: message.dealId === null ? null : (titles.get(message.dealId) ?? null) };
}

/** Titles of the deals among `ids` the viewer may read (the others are not linked, nor named). */
async function readableDealTitles(db: Db, viewer: Viewer, ids: (number | null)[]): Promise<Map<number, { id: number; title: string }>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: deals.id, title: deals.title })
    .from(deals)
    .where(and(eq(deals.orgId, viewer.orgId), inArray(deals.id, wanted), dealScope(viewer, "READ")));
  return new Map(rows.map((r) => [r.id, r]));
}
