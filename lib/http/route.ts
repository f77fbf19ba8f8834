import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { ActionError, type ActionErrorCode } from "@/lib/actions/errors";
import { getViewer, type ViewerWithOrg } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import type { Locale, Translate } from "@/lib/i18n/translate";

export type RouteContext = { viewer: ViewerWithOrg; db: Db; t: Translate; locale: Locale; request: Request; url: URL };
/** What a public route's handler gets: no viewer; who may do what is the handler's to decide (a secret in the URL). */
export type PublicRouteContext = Omit<RouteContext, "viewer">;

type Input<P extends z.ZodType, Q extends z.ZodType> = { params: z.infer<P>; query: z.infer<Q> };

type Common<P extends z.ZodType, Q extends z.ZodType> = {
  /** The path's dynamic segments ({ id: "12" }), validated; an invalid segment is a 404 (no such thing), not a 400. */
  params?: P;
  /** The search parameters (each key's first value), validated; invalid is a 400 naming the fields. */
  query?: Q;
};

/**
 * `handle` answers the request. It returns a Response (a stream, a file) or a value sent as JSON,
 * and throws ActionError to refuse; the wrapper maps it to a status and a message in the language
 * of the request (its cookie, else Accept-Language).
 */
type Definition<P extends z.ZodType, Q extends z.ZodType> = Common<P, Q> &
  (
    | {
        auth?: "session";
        /**
         * What a signed-out request gets. "json" (default): 401 with a JSON body, for the app's own
         * scripts. "login": a 303 to the sign-in page that comes back here, for links a person opens
         * (a download, an export).
         */
        signedOut?: "json" | "login";
        handle: (input: Input<P, Q>, context: RouteContext) => Promise<Response | unknown>;
      }
    | {
        /**
         * "public": no session is looked at (no cookie needed), for URLs other systems call (an
         * incoming webhook, the inbound e-mail endpoint). Everything else is the same: zod on path
         * and query, typed errors, a database error never shown. The handler authorizes the
         * request itself, by a secret it compares in constant time.
         */
        auth: "public";
        handle: (input: Input<P, Q>, context: PublicRouteContext) => Promise<Response | unknown>;
      }
  );

const statusOf: Record<ActionErrorCode, number> = { invalid: 400, forbidden: 403, notFound: 404, stale: 409 };

/** JSON nobody caches: every answer of these routes depends on who asks. */
export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "private, no-store" } });
}

/** Query values as one object (first value per key); NUL characters, which no text column can hold, are dropped as the list URLs drop them. */
function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in out)) out[key] = value.replaceAll("\u0000", "");
  return out;
}

/**
 * The one route-handler wrapper, the GET twin of defineAction: session → zod (path, query) →
 * handler → typed errors mapped to HTTP statuses. Signed out is one answer everywhere (a JSON
 * 401, or a redirect to sign in for links a person opens); a database error is never shown.
 * `auth: "public"` skips the session for the few URLs called from outside (see Definition).
 */
export function defineRoute<P extends z.ZodType = z.ZodType<Record<string, never>>, Q extends z.ZodType = z.ZodType<Record<string, never>>>(definition: Definition<P, Q>) {
  return async function route(request: Request, segment?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> {
    const url = new URL(request.url);
    const viewer = definition.auth === "public" ? null : await getViewer();
    if (!viewer && definition.auth !== "public") {
      if (definition.signedOut === "login") return Response.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`, url), 303);
      return jsonResponse({ error: "unauthorized" }, 401);
    }
    const { t, locale } = await getI18n();
    const params = definition.params ? definition.params.safeParse((await segment?.params) ?? {}) : { success: true as const, data: {} };
    if (!params.success) return jsonResponse({ error: "notFound", message: t("common.notFoundText") }, 404);
    const query = definition.query ? definition.query.safeParse(queryObject(url)) : { success: true as const, data: {} };
    if (!query.success) {
      const fields = [...new Set(query.error.issues.map((issue) => String(issue.path[0] ?? "_query")))];
      return jsonResponse({ error: "invalid", message: t("errors.invalid"), fields }, 400);
    }
    try {
      const input = { params: params.data as z.infer<P>, query: query.data as z.infer<Q> };
      const context = { db: await getDb(), t, locale, request, url };
      const answer = definition.auth === "public" ? await definition.handle(input, context) : await definition.handle(input, { ...context, viewer: viewer! });
      return answer instanceof Response ? answer : jsonResponse(answer);
    } catch (error) {
      if (error instanceof ActionError) return jsonResponse({ error: error.code, message: t(error.messageKey, error.vars) }, statusOf[error.code]);
      console.error("[route] failed", url.pathname, error);
      return jsonResponse({ error: "unexpected", message: t("errors.unexpected") }, 500);
    }
  };
}

/** The answer for "no such thing, or not yours": the same 404 either way, so it reveals nothing. */
export function notFound(): never {
  throw new ActionError("notFound", "common.notFoundText");
}
