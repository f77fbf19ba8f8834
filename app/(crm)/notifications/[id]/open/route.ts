import { z } from "zod";
import { openNotification } from "@/lib/activities/notifications";
import { defineRoute, notFound } from "@/lib/http/route";
import { idField } from "@/lib/ids";

/** A notification's link: marks it read and opens its deal (a link, so it works without JavaScript). */
export const GET = defineRoute({
  signedOut: "login",
  params: z.object({ id: idField() }),
  async handle({ params }, { db, viewer, url }) {
    const opened = await openNotification(db, viewer, params.id);
    if (!opened) notFound();
    const to = opened.dealId ? `/deals/${opened.dealId}#timeline` : "/notifications";
    return Response.redirect(new URL(to, url), 303);
  },
});
