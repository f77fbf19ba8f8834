/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files relative to its own package; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "exceljs"],
  poweredByHeader: false,
};

module.exports = nextConfig;
