import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "./password";
import { clearFailures, isThrottled, recordFailure } from "./throttle";

export type SignInResult =
  | { ok: true; user: { id: number; orgId: number; name: string; email: string } }
  | { ok: false; error: "CredentialsSignin" | "TooManyAttempts" };

export const EMAIL_MAX = 254;
// Compared against when the account does not exist, so the answer takes as long either way.
const DUMMY_HASH = "$2b$10$wwq0pmaZs1amw4UbZT0.p.A4P05L0K2XusU5QSueXkoCUmBEmVUym";

/**
 * Checks an e-mail and password. Attempts on one account are serialised (an advisory lock on
 * the e-mail), so a burst of parallel guesses cannot all pass the throttle before any failure
 * is recorded.
 */
export async function checkCredentials(db: Db, email: string, password: string, ip: string): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase().slice(0, EMAIL_MAX);
  return db.transaction(async (tx0) => {
    const tx = tx0 as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signin:${normalized}`}))`);
    if (await isThrottled(tx, normalized, ip)) return { ok: false, error: "TooManyAttempts" } as const;
    const [user] = await tx
      .select({ id: users.id, orgId: users.orgId, name: users.name, email: users.email, hash: users.passwordHash, active: users.active })
      .from(users)
      .where(eq(sql`lower(${users.email})`, normalized))
      .limit(1);
    const valid = await verifyPassword(password, user?.active ? user.hash : DUMMY_HASH);
    if (!user?.active || !valid) {
      await recordFailure(tx, normalized, ip);
      return { ok: false, error: "CredentialsSignin" } as const;
    }
    await clearFailures(tx, normalized, ip);
    return { ok: true, user: { id: user.id, orgId: user.orgId, name: user.name, email: user.email } } as const;
  });
}
