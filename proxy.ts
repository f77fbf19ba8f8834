import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path to server components, so the sign-in redirect of the CRM layout
 * can bring the user back to the page they asked for. Authorization itself is not done here:
 * every page, query and action checks the session and the permission rule.
 *
 * It runs only for requests without a session cookie, the ones a sign-in redirect is for: a
 * proxy invocation costs 1.5–2 ms, which was a fifth of a signed-in JSON request. A cookie that
 * no longer holds a valid session (a changed secret, a deactivated user) is sent to sign in too,
 * and comes back to the deal list.
 */
export function proxy(request: NextRequest) {
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
  ],
};
