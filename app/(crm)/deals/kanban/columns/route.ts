import { columnsQuery, readColumns } from "@/lib/board/reads";
import { defineRoute, notFound } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Every column of a board afresh, as many cards deep as the browser has loaded: ?<board query>&limits={"stageId":n} */
export const GET = defineRoute({
  query: columnsQuery,
  handle: async ({ query }, { db, viewer, url }) => (await readColumns(db, viewer, url.searchParams, query)) ?? notFound(),
});
