import { columnCardsQuery, readColumnCards } from "@/lib/board/reads";
import { defineRoute, notFound } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The next cards of a board column: ?<board query>&stage=ID&cursor=… */
export const GET = defineRoute({
  query: columnCardsQuery,
  handle: async ({ query }, { db, viewer, url }) => (await readColumnCards(db, viewer, url.searchParams, query)) ?? notFound(),
});
