import { z } from "zod";
import { activityViewableUserIds, countersFor } from "@/lib/activities/counters";
import { optionalIdField } from "@/lib/ids";
import { defineRoute, notFound } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The four activity counters of the signed-in user, or of ?user=ID when the viewer manages them: JSON, counted as the viewer may read. */
export const GET = defineRoute({
  query: z.object({ user: optionalIdField() }),
  async handle({ query }, { db, viewer }) {
    const userId = query.user ?? viewer.id;
    if (userId !== viewer.id && !(await activityViewableUserIds(db, viewer)).includes(userId)) notFound();
    return countersFor(db, viewer, userId, viewer.org.timezone);
  },
});
