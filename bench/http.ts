/** The benchmark's HTTP client: sign in as a browser does, time requests, call server actions. */
import { readFileSync } from "node:fs";
import path from "node:path";

export type Session = { base: string; cookie: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** next-auth's credentials sign-in: the CSRF token and its cookie, then the form post. */
export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/deals`, json: "true" });
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body,
    redirect: "manual",
  });
  const cookies = [...jar, ...cookiesOf(response)];
  if (!cookies.some((c) => c.includes("session-token="))) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return { base, cookie: cookies.join("; ") };
}

/** Fetches and reads the whole body: what a browser waits for. Fails loudly on a non-2xx answer. */
export async function timedGet(session: Session, url: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(`${session.base}${url}`, { headers: { Cookie: session.cookie }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

/** A server action's id, from the build's manifest (the id the browser sends). */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!entry) throw new Error(`no server action ${exportedName} in ${file}; build first`);
  return entry[0];
}

/**
 * Calls a useActionState server action the way React does: the previous state and the form's
 * fields (prefixed with the argument's reference), the action id in a header.
 */
export async function callAction(session: Session, page: string, id: string, fields: Record<string, string | string[]>): Promise<{ ms: number; body: string }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(`_1_${key}`, v);
  // The root last, as React sends it: the server reads the stream in order.
  form.set("0", JSON.stringify([{ ok: false }, "$K1"]));
  const started = performance.now();
  const response = await fetch(`${session.base}${page}`, { method: "POST", headers: { Cookie: session.cookie, "Next-Action": id, Accept: "text/x-component" }, body: form, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 && response.status !== 303) throw new Error(`action ${id}: ${response.status} ${body.slice(0, 300)}`);
  if (/"ok":false/.test(body)) throw new Error(`action refused: ${body.slice(0, 300)}`);
  return { ms, body };
}
