/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own package; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "exceljs"],
  poweredByHeader: false,
  experimental: {
    // Uploads (imports, file fields) are checked by the app against their own limits (10–20 MB) with a
    // clear message; the framework's cap sits above the largest file a person may try (50 MB).
    serverActions: { bodySizeLimit: "60mb" },
    // proxy.ts buffers request bodies (10 MB by default) and would cut a larger upload short.
    proxyClientMaxBodySize: "60mb",
  },
};

module.exports = nextConfig;
