import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/viewer";
import { activityViewableUserIds, countersFor } from "@/lib/activities/counters";
import { parseId } from "@/lib/ids";

export const dynamic = "force-dynamic";

/** The four activity counters of the signed-in user, or of ?user=ID when the viewer manages them: JSON, counted as the viewer may read. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthorized" }, { status: 401 });
  const asked = new URL(request.url).searchParams.get("user");
  const userId = asked === null ? viewer.id : parseId(asked);
  if (userId === null) return Response.json({ error: "bad user" }, { status: 400 });
  const db = await getDb();
  if (userId !== viewer.id && !(await activityViewableUserIds(db, viewer)).includes(userId)) return Response.json({ error: "not found" }, { status: 404 });
  const counters = await countersFor(db, viewer, userId, viewer.org.timezone);
  return Response.json(counters, { headers: { "cache-control": "no-store" } });
}
