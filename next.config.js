/**
 * The Content-Security-Policy every response carries. Scripts and styles come from this site only;
 * Next's inline scripts (the page's data for hydration) and React's style attributes need
 * 'unsafe-inline': a nonce instead would need the proxy on every request, which costs 1.5–2 ms
 * each (see proxy.ts). Nothing may frame the CRM, plugins are off, and forms post only here.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Deal and list addresses carry names and search terms: other sites get no referrer at all.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own package; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "exceljs", "pdfkit"],
  poweredByHeader: false,
  experimental: {
    // Uploads (imports, file fields) are checked by the app against their own limits (10–20 MB) with a
    // clear message; the framework's cap sits above the largest file a person may try (50 MB).
    serverActions: { bodySizeLimit: "60mb" },
    // proxy.ts buffers request bodies (10 MB by default) and would cut a larger upload short.
    proxyClientMaxBodySize: "60mb",
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
