import { describe, expect, it } from "vitest";
import { isCrossOriginPost } from "@/lib/net/origin";

const post = (headers: Record<string, string>) => isCrossOriginPost("POST", new Headers(headers));

describe("isCrossOriginPost", () => {
  it("lets a post from the site's own pages through", () => {
    expect(post({ host: "crm.example:3000", origin: "http://crm.example:3000" })).toBe(false);
    expect(post({ host: "10.0.0.5:3000", "x-forwarded-host": "crm.example", origin: "https://crm.example" })).toBe(false);
    // Without Origin (not a browser): no visitor's cookies to abuse.
    expect(post({ host: "crm.example" })).toBe(false);
  });

  it("refuses a post from another site, a sandboxed page or a malformed Origin", () => {
    expect(post({ host: "crm.example", origin: "https://evil.example" })).toBe(true);
    expect(post({ host: "crm.example:3000", origin: "http://crm.example:3001" })).toBe(true);
    expect(post({ host: "crm.example", origin: "null" })).toBe(true);
    expect(post({ host: "crm.example", origin: "::" })).toBe(true);
    // A forwarded host, when present, is what counts (as in Next).
    expect(post({ host: "crm.example", "x-forwarded-host": "proxy.example", origin: "https://crm.example" })).toBe(true);
  });

  it("concerns posts only", () => {
    expect(isCrossOriginPost("GET", new Headers({ host: "crm.example", origin: "https://evil.example" }))).toBe(false);
  });
});
