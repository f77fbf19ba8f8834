import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "./password";
import { clearFailures, isThrottled, recordFailure } from "./throttle";

export type SignInResult =
  | { ok: true; user: { id: number; orgId: number; name: string; email: string } }
  | { ok: false; error: "CredentialsSignin" | "TooManyAttempts" };

/** Checks an e-mail and password, throttling wrong guesses per account and address. */
export async function checkCredentials(db: Db, email: string, password: string, ip: string): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase();
  if (await isThrottled(db, normalized, ip)) return { ok: false, error: "TooManyAttempts" };
  const [user] = await db
    .select({ id: users.id, orgId: users.orgId, name: users.name, email: users.email, hash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalized))
    .limit(1);
  const valid = user?.active ? await verifyPassword(password, user.hash) : false;
  if (!user || !valid) {
    await recordFailure(db, normalized, ip);
    return { ok: false, error: "CredentialsSignin" };
  }
  await clearFailures(db, normalized, ip);
  return { ok: true, user: { id: user.id, orgId: user.orgId, name: user.name, email: user.email } };
}
