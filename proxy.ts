import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path to server components, so the sign-in redirect of the CRM layout
 * can bring the user back to the page they asked for. Authorization itself is not done here:
 * every page, query and action checks the session and the permission rule.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-crm-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico$|login$).*)"],
};
