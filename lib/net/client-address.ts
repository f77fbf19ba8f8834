import { isIP } from "node:net";

/** The proxies whose forwarding headers are believed (TRUSTED_PROXIES). */
export type TrustedProxies = { has(address: string): boolean; readonly empty: boolean };

/**
 * Parses TRUSTED_PROXIES: addresses and CIDR ranges separated by commas, e.g.
 * "10.0.0.0/8, 192.168.1.5, fd00::/8". Unset or empty trusts nobody. A malformed entry throws,
 * so a typo stops the server instead of silently trusting the wrong hosts.
 */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const ranges: { family: 4 | 6; words: number[]; prefix: number }[] = [];
  for (const raw of (spec ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [addressPart, prefixPart, extra] = entry.split("/");
    const address = normalizeAddress(addressPart ?? "");
    const family = address ? isIP(address) : 0;
    const bits = family === 4 ? 32 : 128;
    const prefix = prefixPart === undefined ? bits : /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN;
    if (!address || !family || extra !== undefined || !(prefix >= 0 && prefix <= bits)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.5, fd00::/8)`);
    }
    ranges.push({ family: family as 4 | 6, words: words(address), prefix });
  }
  return {
    empty: ranges.length === 0,
    has(candidate) {
      if (ranges.length === 0) return false;
      const address = normalizeAddress(candidate);
      const family = address ? isIP(address) : 0;
      if (!family) return false;
      const value = words(address!);
      return ranges.some((range) => range.family === family && samePrefix(value, range.words, range.prefix));
    },
  };
}

/** An address as 16-bit words: two for IPv4, eight for IPv6. */
function words(ip: string): number[] {
  if (isIP(ip) === 4) {
    const [a, b, c, d] = ip.split(".").map(Number) as [number, number, number, number];
    return [(a << 8) | b, (c << 8) | d];
  }
  return expandIPv6(ip).map((group) => parseInt(group, 16));
}

function samePrefix(a: number[], b: number[], prefix: number): boolean {
  for (let i = 0, left = prefix; left > 0; i++, left -= 16) {
    const mask = left >= 16 ? 0xffff : (0xffff << (16 - left)) & 0xffff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

/**
 * An address as proxies and sockets write it, reduced to the bare IP: "[2001:db8::1]:443" →
 * "2001:db8::1", "203.0.113.9:5123" → "203.0.113.9", "::ffff:127.0.0.1" → "127.0.0.1"
 * (an IPv4 client on a dual-stack socket). Null when it is not an IP address.
 */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, ""); // an IPv6 zone ("fe80::1%eth0") names the interface, not the host
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value : null;
}

/**
 * The address a request came from. `peer` is the socket's address; `forwardedFor` is the
 * X-Forwarded-For header, which counts only when the peer is a trusted proxy: walking the chain
 * from the right (the hop nearest to us), the first address that is not a trusted proxy is the
 * client. Everything to its left was written by the client and could say anything.
 */
export function clientAddress(forwardedFor: string | undefined, peer: string, trusted: TrustedProxies): string {
  const peerAddress = normalizeAddress(peer) ?? "unknown";
  if (!trusted.has(peerAddress)) return peerAddress;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let nearest = peerAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    // A trusted proxy that wrote something other than an address: take the proxy itself.
    if (!hop) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

/**
 * The key throttling counts an address under: an IPv4 address as it is, an IPv6 address by its
 * /64 network, since one subscriber usually gets a whole /64 and could rotate through it.
 */
export function throttleKey(address: string): string {
  const ip = normalizeAddress(address);
  if (!ip) return address.slice(0, 100) || "unknown";
  if (isIP(ip) === 4) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function expandIPv6(ip: string): string[] {
  let text = ip;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16).toString(16));
}
