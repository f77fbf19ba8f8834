import { NextResponse, type NextRequest } from "next/server";
import { isCrossOriginPost } from "@/lib/net/origin";

/**
 * Passes the requested path to server components, so the sign-in redirect of the CRM layout
 * can bring the user back to the page they asked for. Authorization itself is not done here:
 * every page, query and action checks the session and the permission rule.
 *
 * It runs only for requests without a session cookie, the ones a sign-in redirect is for: a
 * proxy invocation costs 1.5–2 ms, which was a fifth of a signed-in JSON request. A cookie that
 * no longer holds a valid session (a changed secret, a deactivated user, signed out) is sent to
 * sign in too, and comes back to the deal list.
 *
 * It also runs for server action posts (writes, never page views), to refuse one from another
 * site with a 403: Next refuses those itself, but with a 500, as if the CRM were broken.
 */
export function proxy(request: NextRequest) {
  if (isCrossOriginPost(request.method, request.headers)) {
    return new NextResponse("Refused: this request came from another site.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const headers = new Headers(request.headers);
  headers.set("x-crm-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static/|_next/image|favicon\\.ico$|login$).*)",
      // next-auth's session cookie, on http and on https.
      missing: [
        { type: "cookie", key: "next-auth.session-token" },
        { type: "cookie", key: "__Secure-next-auth.session-token" },
      ],
    },
    // Server actions: posted by script with a Next-Action header, or as a multipart form without JavaScript.
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    { source: "/:path*", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
