/** Runs once when a server process starts: guard forwarding headers, then migrate, seed an empty database, start the job worker. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so as few requests as possible arrive before it (those count as address "unknown").
  const { parseTrustedProxies } = await import("./lib/net/client-address");
  const { installForwardingGate } = await import("./lib/net/forwarding");
  installForwardingGate(parseTrustedProxies(process.env.TRUSTED_PROXIES));
  const { followRequestHostUnlessSiteUrlSet } = await import("./lib/auth/site-url");
  followRequestHostUnlessSiteUrlSet();
  const { boot } = await import("./lib/boot");
  await boot();
}
