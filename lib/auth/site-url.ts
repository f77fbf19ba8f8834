/**
 * next-auth builds its redirects and picks its cookie names from the site's URL. NEXTAUTH_URL
 * fixes it; without one, next-auth is told to take the host and scheme of each request
 * (AUTH_TRUST_HOST), so signing in works at whichever address the browser used (localhost,
 * 127.0.0.1, a LAN name). Forwarded host and scheme headers count only from TRUSTED_PROXIES
 * (lib/net/forwarding.ts); behind a proxy, set NEXTAUTH_URL anyway.
 */
export function followRequestHostUnlessSiteUrlSet(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST ??= "true";
}
