import { jsonAnswer, readColumns } from "@/lib/board/reads";

export const dynamic = "force-dynamic";

/** Every column of a board afresh, as many cards deep as the browser has loaded: ?<board query>&limits={"stageId":n} */
export async function GET(request: Request) {
  return jsonAnswer(await readColumns(new URL(request.url).searchParams));
}
