/**
 * Makes the benchmark's data set (bench/dataset/generate.ts says what is in it):
 *
 *   npm run bench:data -- --deals 1000000 [--activities 5000000] [--seed 42]
 *
 * It writes to BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/crm_bench), which it
 * drops and creates.
 */
import { benchDatabaseUrl, parseArgs } from "./config";
import { generateBenchData } from "./dataset/generate";

const args = parseArgs(process.argv.slice(2), { deals: 1_000_000, activities: 0, seed: 42 });
const started = Date.now();
const log = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
const url = benchDatabaseUrl();
log(`creating ${url.replace(/:[^:@/]*@/, ":***@")}: ${args.deals.toLocaleString("en")} deals, ${(args.activities || args.deals * 5).toLocaleString("en")} activities`);

generateBenchData({ url, deals: args.deals, activities: args.activities, seed: args.seed, log })
  .then(({ heavyDeal }) => log(`done; the card measure opens deal #${heavyDeal}`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
