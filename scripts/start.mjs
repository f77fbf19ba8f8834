#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, then serves it.
// Migrations, the demo data (on an empty database) and the job worker start with the server.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const port = process.env.PORT || "3000";
// NEXTAUTH_URL stays unset unless given: sign-in then follows the host the browser used (lib/auth/site-url.ts).

const sources = ["app", "lib", "db", "public", "instrumentation.ts", "proxy.ts", "next.config.js", "package.json", "package-lock.json", "tsconfig.json"];

function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((max, name) => Math.max(max, newest(path.join(file, name))), stat.mtimeMs);
}

const buildId = path.join(".next", "BUILD_ID");
const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (built < Math.max(...sources.map(newest))) {
  console.log("Building the app (first start, or sources changed)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log(`Starting the CRM on http://localhost:${port} (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite in " + (process.env.CRM_DATA_DIR || ".data")})`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
