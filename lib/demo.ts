/**
 * Whether this install runs the demo: seeding an empty database with the demo org (whose
 * passwords are published) and showing them on the sign-in page. On by default only on the
 * embedded database; on PostgreSQL only with CRM_SEED=on, so a production database never
 * starts with a known administrator password.
 */
export function demoEnabled(): boolean {
  const setting = process.env.CRM_SEED;
  if (setting === "on") return true;
  if (setting === "off") return false;
  return !process.env.DATABASE_URL;
}
