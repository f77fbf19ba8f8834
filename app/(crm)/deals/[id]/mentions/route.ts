import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/viewer";
import { mentionCandidates } from "@/lib/activities/mention-candidates";
import { parseId } from "@/lib/ids";

export const dynamic = "force-dynamic";

/** The comment box's @mention offers on a deal: ?q=typed → [{ id, name }], only colleagues who may read it. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthorized" }, { status: 401 });
  const id = parseId((await params).id);
  const typed = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const offers = id ? await mentionCandidates(await getDb(), viewer, id, typed) : null;
  if (!offers) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(offers, { headers: { "cache-control": "private, no-store" } });
}
