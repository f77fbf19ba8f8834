import { getDb } from "@/db/client";
import { getSignedInUser, getViewer } from "@/lib/auth/viewer";
import { activityViewableUserIds, countersFor } from "@/lib/activities/counters";
import { isDbId } from "@/lib/actions/fields";

export const dynamic = "force-dynamic";

/** The four activity counters of the signed-in user, or of ?user=ID when the viewer manages them: JSON. */
export async function GET(request: Request) {
  // One's own counters need no permissions loaded: the call the page bar makes every minute.
  const user = await getSignedInUser();
  if (!user) return Response.json({ error: "unauthorized" }, { status: 401 });
  const asked = new URL(request.url).searchParams.get("user");
  if (asked !== null && !isDbId(asked)) return Response.json({ error: "bad user" }, { status: 400 });
  const db = await getDb();
  const userId = asked === null ? user.id : Number(asked);
  if (userId !== user.id) {
    const viewer = (await getViewer())!;
    if (!(await activityViewableUserIds(db, viewer)).includes(userId)) return Response.json({ error: "not found" }, { status: 404 });
  }
  const counters = await countersFor(db, user.orgId, userId, user.org.timezone);
  return Response.json(counters, { headers: { "cache-control": "no-store" } });
}
