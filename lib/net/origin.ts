/**
 * Whether a POST comes from a page of another site: its Origin names a different host than the
 * one the request was sent to. The same comparison Next makes before running a server action
 * (X-Forwarded-Host when present, else Host; Origin "null" from sandboxed pages never matches),
 * made early enough to answer 403 where Next would answer 500. A request without Origin passes,
 * as in Next: browsers send it with every POST, so one without it carries no visitor's cookies.
 */
export function isCrossOriginPost(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return originHost !== host;
}
