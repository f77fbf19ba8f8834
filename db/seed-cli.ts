import { closeDb, getDb } from "./client";
import { describeDemoAccounts, resetAndSeed } from "./seed";

async function main() {
  const summary = await resetAndSeed(await getDb());
  console.log(`Seeded the demo org with ${summary.deals} deals.`);
  console.log(describeDemoAccounts(summary));
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
