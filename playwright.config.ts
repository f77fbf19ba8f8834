import { defineConfig, devices } from "@playwright/test";
import { sessionOf } from "./tests/e2e/sessions";

const port = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${port}`;

/**
 * End-to-end tests drive Debian's Chromium against the production build (`next start`).
 * scripts/e2e.sh gives the server a fresh database (PostgreSQL or a PGlite folder) per run.
 */
export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-reports/playwright.json" }]],
  use: {
    baseURL,
    locale: "en-US",
    timezoneId: "Asia/Ho_Chi_Minh",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    // Signs the demo accounts in once; every test then starts signed in as the administrator, or as
    // the account its file or describe block names (test.use({ storageState: sessionOf(…) })).
    { name: "sign-in", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /sign-in\.setup\.ts$/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined, storageState: sessionOf("admin@example.com") }, testIgnore: /hostile-input/, dependencies: ["sign-in"] },
    // The fuzz leaves odd records behind (deals, products, activities): it runs after everything else.
    { name: "hostile-input", use: { ...devices["Desktop Chrome"], channel: undefined, storageState: sessionOf("admin@example.com") }, testMatch: /hostile-input/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: `npx next start -p ${port}`,
    url: `${baseURL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // A low limit sends the "all matching" bulk test (300 demo deals) through the background job path.
    // No NEXTAUTH_URL: sign-in follows the host the browser used (tests sign in at 127.0.0.1 too).
    // IPv6 loopback plays a trusted proxy, so tests can send X-Forwarded-For through http://[::1]:PORT,
    // while http://127.0.0.1:PORT is a direct client whose forwarding headers count for nothing.
    env: { NEXTAUTH_URL: "", NEXT_TELEMETRY_DISABLED: "1", CRM_BULK_SYNC_LIMIT: "100", TRUSTED_PROXIES: "::1" },
  },
});
