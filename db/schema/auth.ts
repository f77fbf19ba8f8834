import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed sign-ins, kept in the database so throttling holds across app processes. `ip` holds the
 * address's throttle key (an IPv6 address by its /64).
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    ip: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_failures_email_ip_at_idx").on(t.email, t.ip, t.at),
    // Failures from one address across accounts (a password spray).
    index("login_failures_ip_at_idx").on(t.ip, t.at),
  ],
);
