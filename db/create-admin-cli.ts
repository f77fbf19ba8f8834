import { randomBytes } from "node:crypto";
import { createOrgWithAdmin } from "@/lib/org/setup";
import { closeDb, getDb } from "./client";

/**
 * `npm run org:create -- "Company name" admin@company.vn "Admin Name" [en|vi]`
 * Creates an org and its administrator on the configured database (DATABASE_URL or PGlite).
 * The password comes from CRM_ADMIN_PASSWORD, or a random one is printed once.
 */
async function main() {
  const [orgName, adminEmail, adminName, locale = "vi"] = process.argv.slice(2);
  if (!orgName || !adminEmail?.includes("@") || !adminName || (locale !== "en" && locale !== "vi")) {
    console.error('usage: npm run org:create -- "Company name" admin@company.vn "Admin Name" [en|vi]');
    process.exit(2);
  }
  const password = process.env.CRM_ADMIN_PASSWORD || randomBytes(12).toString("base64url");
  const { orgId } = await createOrgWithAdmin(await getDb(), { orgName, adminEmail, adminName, password, locale });
  console.log(`Created org #${orgId} "${orgName}" with administrator ${adminEmail}.`);
  if (!process.env.CRM_ADMIN_PASSWORD) console.log(`Password (shown once): ${password}`);
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
