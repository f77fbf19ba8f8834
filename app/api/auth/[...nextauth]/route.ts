import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getSignedInUser } from "@/lib/auth/viewer";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth answers /api/auth/session for any token it can decrypt; a token that signing out ended
 * (or whose user was deactivated) gets the empty answer of a signed-out visitor instead.
 */
async function handle(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth[0] === "session" && !(await getSignedInUser())) {
    return Response.json({}, { headers: { "cache-control": "private, no-cache, no-store" } });
  }
  return handler(request, context);
}

export { handle as GET, handle as POST };
