import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { translator } from "@/lib/i18n/translate";
import { idField, optionalIdField } from "@/lib/ids";

const signedIn = { id: 7, orgId: 1, org: { timezone: "Asia/Ho_Chi_Minh" } };
let viewer: typeof signedIn | null = signedIn;
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewer }));
vi.mock("@/lib/i18n/server", () => ({ getI18n: async () => ({ locale: "en", t: translator("en") }) }));
vi.mock("@/db/client", () => ({ getDb: async () => ({}) }));

const { defineRoute, notFound } = await import("@/lib/http/route");

const byId = defineRoute({
  params: z.object({ id: idField() }),
  query: z.object({ user: optionalIdField(), q: z.string().optional() }),
  async handle({ params, query }, { viewer }) {
    if (params.id === 404) notFound();
    if (params.id === 403) throw new ActionError("forbidden", "errors.forbidden");
    if (params.id === 409) throw new ActionError("stale", "errors.notFoundGeneric");
    if (params.id === 500) throw new Error('relation "deals" violates constraint deals_secret_idx');
    return { id: params.id, user: query.user, q: query.q, viewer: viewer.id };
  },
});
const download = defineRoute({ signedOut: "login", handle: async () => new Response("bytes") });

const call = (route: typeof byId, path: string, id = "1") => route(new Request(`http://crm.test${path}`), { params: Promise.resolve({ id }) });

describe("defineRoute", () => {
  beforeEach(() => {
    viewer = signedIn;
  });

  it("answers a signed-out script with a JSON 401, and a signed-out person opening a link with the sign-in page that returns", async () => {
    viewer = null;
    const json = await call(byId, "/deals/1/x?q=a");
    expect(json.status).toBe(401);
    expect(await json.json()).toEqual({ error: "unauthorized" });
    const link = await download(new Request("http://crm.test/files/3?x=1"));
    expect(link.status).toBe(303);
    expect(link.headers.get("location")).toBe("http://crm.test/login?callbackUrl=%2Ffiles%2F3%3Fx%3D1");
  });

  it("passes validated path and query to the handler and answers JSON nobody caches", async () => {
    const answer = await call(byId, "/x?user=12&q=ab", "5");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    expect(await answer.json()).toEqual({ id: 5, user: 12, q: "ab", viewer: 7 });
  });

  it("answers 404 for a path segment that is no id (beyond 2³¹, signed, letters), 400 naming a bad query field", async () => {
    for (const id of ["2147483648", "-1", "1e3", "abc"]) expect((await call(byId, "/x", id)).status).toBe(404);
    const bad = await call(byId, "/x?user=9999999999");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid", fields: ["user"] });
  });

  it("drops NUL characters from query values before any schema or query sees them", async () => {
    expect(await (await call(byId, "/x?q=a%00b")).json()).toMatchObject({ q: "ab" });
  });

  it("maps refusals to statuses with the user's message, and never shows a database error", async () => {
    expect((await call(byId, "/x", "404")).status).toBe(404);
    expect((await call(byId, "/x", "403")).status).toBe(403);
    expect((await call(byId, "/x", "409")).status).toBe(409);
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failed = await call(byId, "/x", "500");
    spy.mockRestore();
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(body).not.toMatch(/relation|constraint|deals_secret/);
    expect(JSON.parse(body)).toEqual({ error: "unexpected", message: translator("en")("errors.unexpected") });
  });

  it("auth: public answers without a session (nobody is asked who is signed in), with the same zod and typed errors", async () => {
    viewer = null;
    const seen: unknown[] = [];
    const hook = defineRoute({
      auth: "public",
      params: z.object({ secret: z.string().regex(/^[a-z]{3}$/) }),
      async handle({ params }, context) {
        seen.push("viewer" in context);
        if (params.secret === "bad") throw new ActionError("invalid", "errors.invalid");
        if (params.secret === "err") throw new Error('duplicate key value violates unique constraint "automation_triggers_secret_uq"');
        return { ok: true };
      },
    });
    const post = (secret: string) => hook(new Request(`http://crm.test/api/hooks/${secret}`, { method: "POST" }), { params: Promise.resolve({ secret }) });
    expect((await post("abc")).status).toBe(200);
    expect(seen).toEqual([false]);
    expect((await post("TOO-LONG")).status).toBe(404);
    expect((await post("bad")).status).toBe(400);
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failed = await post("err");
    spy.mockRestore();
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toMatch(/constraint|automation_triggers/);
  });
});
