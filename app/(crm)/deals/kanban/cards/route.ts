import { jsonAnswer, readColumnCards } from "@/lib/board/reads";

export const dynamic = "force-dynamic";

/** The next cards of a board column: ?<board query>&stage=ID&cursor=… */
export async function GET(request: Request) {
  return jsonAnswer(await readColumnCards(new URL(request.url).searchParams));
}
