import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/viewer";
import { searchClients } from "@/lib/clients/search";

export const dynamic = "force-dynamic";

/** The client picker's search: ?kind=company|contact&q=… → up to 20 matches as JSON. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthorized" }, { status: 401 });
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  if (kind !== "company" && kind !== "contact") return Response.json({ error: "kind" }, { status: 400 });
  const hits = await searchClients(await getDb(), viewer, kind, (params.get("q") ?? "").slice(0, 100));
  return Response.json(hits, { headers: { "cache-control": "no-store" } });
}
