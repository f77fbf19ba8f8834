import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { throttleKey } from "@/lib/net/client-address";
import { verifyPassword } from "./password";
import { clearFailures, recordFailure, throttled, type ThrottleReason } from "./throttle";

export type SignInUser = { id: number; orgId: number; name: string; email: string; sessionVersion: number };
export type SignInResult =
  | { ok: true; user: SignInUser }
  | { ok: false; error: "CredentialsSignin" }
  | { ok: false; error: ThrottleReason; retryAfterSeconds: number };

export const EMAIL_MAX = 254;
// Compared against when the account does not exist, so the answer takes as long either way.
const DUMMY_HASH = "$2b$10$wwq0pmaZs1amw4UbZT0.p.A4P05L0K2XusU5QSueXkoCUmBEmVUym";

/**
 * Checks an e-mail and password for a client at `address` (see lib/net/forwarding.ts). Attempts
 * on one account are serialised (an advisory lock on the e-mail), so a burst of parallel guesses
 * cannot all pass the throttle before any failure is recorded. Unknown accounts are throttled
 * exactly like real ones, so the answers never tell which e-mails exist.
 */
export async function checkCredentials(db: Db, email: string, password: string, address: string): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase().slice(0, EMAIL_MAX);
  const key = throttleKey(address);
  return db.transaction(async (tx0) => {
    const tx = tx0 as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signin:${normalized}`}))`);
    const refusal = await throttled(tx, normalized, key);
    if (refusal) return { ok: false, error: refusal.reason, retryAfterSeconds: refusal.retryAfterSeconds } as const;
    const [user] = await tx
      .select({
        id: users.id,
        orgId: users.orgId,
        name: users.name,
        email: users.email,
        hash: users.passwordHash,
        active: users.active,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(eq(sql`lower(${users.email})`, normalized))
      .limit(1);
    const valid = await verifyPassword(password, user?.active ? user.hash : DUMMY_HASH);
    if (!user?.active || !valid) {
      await recordFailure(tx, normalized, key);
      return { ok: false, error: "CredentialsSignin" } as const;
    }
    await clearFailures(tx, normalized, key);
    return { ok: true, user: { id: user.id, orgId: user.orgId, name: user.name, email: user.email, sessionVersion: user.sessionVersion } } as const;
  });
}
