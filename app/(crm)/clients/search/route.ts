import { z } from "zod";
import { searchClients } from "@/lib/clients/search";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The client picker's search: ?kind=company|contact&q=… → up to 20 matches as JSON. */
export const GET = defineRoute({
  query: z.object({ kind: z.enum(["company", "contact"]), q: z.string().optional().transform((q) => (q ?? "").slice(0, 100)) }),
  handle: ({ query }, { db, viewer }) => searchClients(db, viewer, query.kind, query.q),
});
