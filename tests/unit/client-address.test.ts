import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseTrustedProxies, throttleKey } from "@/lib/net/client-address";

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.5 ,fd00::/8");

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket's address whatever the client claims", () => {
    expect(clientAddress(undefined, "203.0.113.7", none)).toBe("203.0.113.7");
    expect(clientAddress("198.51.100.1", "203.0.113.7", none)).toBe("203.0.113.7");
    expect(clientAddress("198.51.100.1, 10.0.0.1", "::ffff:203.0.113.7", none)).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("198.51.100.1", "203.0.113.7", proxies)).toBe("203.0.113.7");
  });

  it("behind trusted proxies, takes the right-most address that is not one of them", () => {
    expect(clientAddress("198.51.100.1", "10.1.2.3", proxies)).toBe("198.51.100.1");
    // The client prepended a forged hop; the proxy appended the real one.
    expect(clientAddress("1.1.1.1, 198.51.100.1", "10.1.2.3", proxies)).toBe("198.51.100.1");
    // Two proxies in a row.
    expect(clientAddress("1.1.1.1, 198.51.100.1, 192.168.1.5", "10.1.2.3", proxies)).toBe("198.51.100.1");
    expect(clientAddress("2001:db8::9", "fd12::1", proxies)).toBe("2001:db8::9");
  });

  it("reads the forms proxies write: ports, brackets, IPv4-mapped IPv6", () => {
    expect(clientAddress("198.51.100.1:5123", "10.1.2.3", proxies)).toBe("198.51.100.1");
    expect(clientAddress("[2001:db8::9]:443", "10.1.2.3", proxies)).toBe("2001:db8::9");
    expect(clientAddress("::FFFF:198.51.100.1", "10.1.2.3", proxies)).toBe("198.51.100.1");
  });

  it("falls back to the nearest proxy when every hop is trusted, or a proxy wrote no address", () => {
    expect(clientAddress(undefined, "10.1.2.3", proxies)).toBe("10.1.2.3");
    expect(clientAddress("192.168.1.5", "10.1.2.3", proxies)).toBe("192.168.1.5");
    expect(clientAddress("1.1.1.1, unknown", "10.1.2.3", proxies)).toBe("10.1.2.3");
  });
});

describe("parseTrustedProxies", () => {
  it("matches addresses and ranges of both families", () => {
    expect(proxies.has("10.255.0.1")).toBe(true);
    expect(proxies.has("::ffff:10.0.0.1")).toBe(true);
    expect(proxies.has("192.168.1.5")).toBe(true);
    expect(proxies.has("192.168.1.6")).toBe(false);
    expect(proxies.has("fd00:1::1")).toBe(true);
    expect(proxies.has("2001:db8::1")).toBe(false);
    expect(proxies.has("not an address")).toBe(false);
    expect(none.empty).toBe(true);
    expect(none.has("127.0.0.1")).toBe(false);
    expect(parseTrustedProxies(" , ").empty).toBe(true);
  });

  it("refuses a malformed entry with a message naming it", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0", "localhost", "10.0.0.0/8/1", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(`127.0.0.1, ${bad}`)).toThrow(`"${bad}"`);
    }
  });
});

describe("normalizeAddress and throttleKey", () => {
  it("reduces an address to the bare IP, or null", () => {
    expect(normalizeAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });

  it("counts IPv6 clients by their /64, IPv4 clients by their address", () => {
    expect(throttleKey("203.0.113.7")).toBe("203.0.113.7");
    expect(throttleKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(throttleKey("2001:0db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttleKey("::1")).toBe("0:0:0:0::/64");
    expect(throttleKey("64:ff9b::1:2:192.0.2.1")).toBe("64:ff9b:0:0::/64");
    expect(throttleKey("unknown")).toBe("unknown");
  });
});

describe("trusted ranges at their edges", () => {
  it("matches exactly the addresses inside a prefix of any length", () => {
    const ranges = parseTrustedProxies("172.16.0.0/12, 2001:db8:abcd:12::/63, 0.0.0.0/0");
    expect(ranges.has("172.31.255.255")).toBe(true);
    expect(ranges.has("2001:db8:abcd:13::1")).toBe(true);
    expect(ranges.has("2001:db8:abcd:14::1")).toBe(false);
    expect(ranges.has("8.8.8.8")).toBe(true); // 0.0.0.0/0: every IPv4 address, no IPv6 one
    expect(ranges.has("2001:db9::1")).toBe(false);
    const narrow = parseTrustedProxies("172.16.0.0/12, 10.1.2.3/31");
    expect(narrow.has("172.32.0.0")).toBe(false);
    expect(narrow.has("172.15.255.255")).toBe(false);
    expect(narrow.has("10.1.2.2")).toBe(true);
    expect(narrow.has("10.1.2.4")).toBe(false);
    expect(parseTrustedProxies("::/0").has("::1")).toBe(true);
  });
});
