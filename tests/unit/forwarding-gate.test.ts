import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "@/lib/net/client-address";
import { installForwardingGate, requestClientAddress } from "@/lib/net/forwarding";

// A real HTTP server on loopback; 127.0.0.2 plays the trusted proxy, 127.0.0.1 a direct client.
let server: Server;
let port: number;
let uninstall: () => void;
beforeAll(async () => {
  uninstall = installForwardingGate(parseTrustedProxies("127.0.0.2"));
  server = createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  uninstall();
  await new Promise((resolve) => server.close(resolve));
});

function get(headers: Record<string, string>, localAddress = "127.0.0.1"): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, localAddress, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the forwarding gate", () => {
  it("drops forwarding headers from a client that is not a trusted proxy and stamps its socket address", async () => {
    const seen = await get({
      "X-Forwarded-For": "198.51.100.1",
      "X-Forwarded-Host": "evil.example",
      "X-Forwarded-Proto": "https",
      "X-Real-IP": "198.51.100.2",
      "X-Crm-Client-Address": "forged 198.51.100.3",
    });
    for (const name of ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"]) expect(seen[name]).toBeUndefined();
    expect(requestClientAddress(seen)).toBe("127.0.0.1");
  });

  it("keeps a trusted proxy's headers and takes the right-most address it did not write itself", async () => {
    const seen = await get({ "X-Forwarded-For": "1.1.1.1, 198.51.100.4", "X-Forwarded-Host": "crm.example", "X-Forwarded-Proto": "https" }, "127.0.0.2");
    expect(seen["x-forwarded-host"]).toBe("crm.example");
    expect(seen["x-forwarded-proto"]).toBe("https");
    expect(requestClientAddress(seen)).toBe("198.51.100.4");
  });

  it("never takes a stamp it did not make", () => {
    expect(requestClientAddress({ "x-crm-client-address": "0123 198.51.100.5" })).toBe("unknown");
    expect(requestClientAddress({})).toBe("unknown");
  });
});
