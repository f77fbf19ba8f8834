import { z } from "zod";
import { mentionCandidates } from "@/lib/activities/mention-candidates";
import { idField } from "@/lib/ids";
import { defineRoute, notFound } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The comment box's @mention offers on a deal: ?q=typed → [{ id, name }], only colleagues who may read it. */
export const GET = defineRoute({
  params: z.object({ id: idField() }),
  query: z.object({ q: z.string().optional().transform((q) => (q ?? "").slice(0, 100)) }),
  async handle({ params, query }, { db, viewer }) {
    return (await mentionCandidates(db, viewer, params.id, query.q)) ?? notFound();
  },
});
