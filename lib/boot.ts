import "server-only";
import { getDbHandle } from "@/db/client";
import { describeDemoAccounts, seedIfEmpty } from "@/db/seed";
import { demoEnabled } from "@/lib/demo";
import { startWorker } from "@/lib/jobs/worker";
import { givingWay, trackRequests } from "@/lib/jobs/give-way";

const started = globalThis as unknown as { __crmBooted?: boolean };

export async function boot(): Promise<void> {
  if (started.__crmBooted) return;
  started.__crmBooted = true;
  const handle = await getDbHandle();
  console.log(`[crm] database ready (${handle.driver === "pg" ? "PostgreSQL" : "embedded PGlite"})`);
  if (demoEnabled()) {
    const seeded = await seedIfEmpty(handle.db);
    if (seeded) console.log(`[crm] created the demo org with ${seeded.deals} deals.\n${describeDemoAccounts(seeded)}`);
  }
  if (process.env.CRM_JOBS === "off") return;
  // On PostgreSQL the worker's statements give way to the requests this server is answering. The
  // embedded database has one connection: a statement held back would hold the requests too.
  trackRequests();
  const workerDb = handle.backgroundDb?.(givingWay) ?? handle.db;
  startWorker(workerDb, { driver: handle.driver, listen: handle.listen });
}
