import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { ActionError, type ActionErrorCode } from "@/lib/actions/errors";
import { getViewer, type ViewerWithOrg } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import type { Locale, Translate } from "@/lib/i18n/translate";

export type RouteContext = { viewer: ViewerWithOrg; db: Db; t: Translate; locale: Locale; request: Request; url: URL };

type Definition<P extends z.ZodType, Q extends z.ZodType> = {
  /** The path's dynamic segments ({ id: "12" }), validated; an invalid segment is a 404 (no such thing), not a 400. */
  params?: P;
  /** The search parameters (each key's first value), validated; invalid is a 400 naming the fields. */
  query?: Q;
  /**
   * What a signed-out request gets. "json" (default): 401 with a JSON body, for the app's own
   * scripts. "login": a 303 to the sign-in page that comes back here, for links a person opens
   * (a download, an export).
   */
  signedOut?: "json" | "login";
  /**
   * Answers the request. Returns a Response (a stream, a file) or a value sent as JSON. Throws
   * ActionError to refuse; the wrapper maps it to a status and a message in the user's language.
   */
  handle: (input: { params: z.infer<P>; query: z.infer<Q> }, context: RouteContext) => Promise<Response | unknown>;
};

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
 */
export function defineRoute<P extends z.ZodType = z.ZodType<Record<string, never>>, Q extends z.ZodType = z.ZodType<Record<string, never>>>(definition: Definition<P, Q>) {
  return async function route(request: Request, segment?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> {
    const url = new URL(request.url);
    const viewer = await getViewer();
    if (!viewer) {
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
      const answer = await definition.handle({ params: params.data as z.infer<P>, query: query.data as z.infer<Q> }, { viewer, db: await getDb(), t, locale, request, url });
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
