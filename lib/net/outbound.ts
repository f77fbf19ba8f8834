import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Whether a URL the app is asked to call (a robot's webhook) leads outside: http(s), and no
 * loopback, private, link-local, carrier-grade NAT or unique-local address — checked on every
 * address its name resolves to, so a DNS name for 127.0.0.1 is refused as 127.0.0.1 is.
 * AUTOMATION_ALLOW_PRIVATE_URLS=1 lifts the address check (a company's own intranet hooks).
 */
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  privateRanges.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  privateRanges.addSubnet(net, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? "ipv4" : "ipv6");
}

export type OutboundVerdict = { ok: true; url: URL } | { ok: false; reason: "scheme" | "private" | "unresolved" };

export async function checkOutboundUrl(raw: string, allowPrivate = process.env.AUTOMATION_ALLOW_PRIVATE_URLS === "1"): Promise<OutboundVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "scheme" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "scheme" };
  if (url.username || url.password) return { ok: false, reason: "scheme" };
  if (allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return { ok: false, reason: "unresolved" };
  }
  if (addresses.length === 0) return { ok: false, reason: "unresolved" };
  return addresses.some(isPrivateAddress) ? { ok: false, reason: "private" } : { ok: true, url };
}
