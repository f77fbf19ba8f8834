import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { endSessions, findSessionUser, sessionClaims } from "@/lib/auth/sessions";
import { checkCredentials } from "@/lib/auth/sign-in";
import {
  ACCOUNT_ADDRESS_LIMIT,
  ACCOUNT_SLOWDOWN_AFTER,
  ADDRESS_LIMIT,
  SLOWDOWN_BASE_SECONDS,
  WINDOW_MINUTES,
  pruneFailures,
  throttled,
} from "@/lib/auth/throttle";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeOrg } from "../helpers/fixtures";

const PASSWORD = "đúng-mật-khẩu";
let handle: TestDb;
let db: Db;
let email: string;
let userId: number;
beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  const org = await makeOrg(db);
  const [user] = await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, org.seller.id)).returning();
  email = user!.email.toLowerCase();
  userId = user!.id;
});
afterAll(() => handle.close());
beforeEach(async () => {
  await db.delete(loginFailures);
});

/** Failures written straight into the table, as if they had been made `secondsAgo`. */
async function failuresFrom(rows: { email?: string; ip: string; secondsAgo?: number }[]) {
  const now = Date.now();
  await db.insert(loginFailures).values(rows.map((r) => ({ email: r.email ?? email, ip: r.ip, at: new Date(now - (r.secondsAgo ?? 60) * 1000) })));
}

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively on the e-mail, with the user's session version", async () => {
    const result = await checkCredentials(db, email.toUpperCase(), PASSWORD, "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { email, sessionVersion: expect.any(Number) } });
  });

  it("refuses a wrong password and an unknown account the same way", async () => {
    expect(await checkCredentials(db, email, "wrong", "10.0.0.1")).toEqual({ ok: false, error: "CredentialsSignin" });
    expect(await checkCredentials(db, "nobody@test.local", "wrong", "10.0.0.1")).toEqual({ ok: false, error: "CredentialsSignin" });
  });

  it("throttles an account from one address after too many failures, even with the right password", async () => {
    for (let i = 0; i < ACCOUNT_ADDRESS_LIMIT; i++) await checkCredentials(db, email, "wrong", "10.0.0.2");
    const refused = await checkCredentials(db, email, PASSWORD, "10.0.0.2");
    expect(refused).toMatchObject({ ok: false, error: "TooManyAttempts" });
    // Until the oldest failure leaves the window.
    expect(refused.ok === false && "retryAfterSeconds" in refused && refused.retryAfterSeconds).toBeGreaterThan(WINDOW_MINUTES * 60 - 30);
    // Another address is not affected.
    expect((await checkCredentials(db, email, PASSWORD, "10.0.0.3")).ok).toBe(true);
  });

  it("signs the owner in from a clean address while the account is hammered from hundreds of rotating addresses", async () => {
    // 400 failures from 200 addresses (two each), as a botnet or a forged X-Forwarded-For would make them…
    await failuresFrom(Array.from({ length: 400 }, (_, i) => ({ ip: `203.0.${i % 2}.${Math.floor(i / 2) % 256}`, secondsAgo: 60 + (i % 300) })));
    // …and more arriving through the real path while the owner signs in.
    for (let i = 0; i < 5; i++) expect(await checkCredentials(db, email, "guess", `198.51.100.${i}`)).toEqual({ ok: false, error: "CredentialsSignin" });
    expect(await checkCredentials(db, email, PASSWORD, "192.0.2.77")).toMatchObject({ ok: true, user: { email } });
    // The account is not locked: any other address without failures on it gets in too.
    expect((await checkCredentials(db, email, PASSWORD, "2001:db8:77::1")).ok).toBe(true);
  });

  it("slows down, without locking, the addresses that have failed on an account under attack", async () => {
    await failuresFrom(Array.from({ length: ACCOUNT_SLOWDOWN_AFTER }, (_, i) => ({ ip: `203.0.113.${i}`, secondsAgo: 300 })));
    // An attacker's address that has just failed must wait SLOWDOWN_BASE_SECONDS, even with the right password.
    expect(await checkCredentials(db, email, "guess", "198.51.100.9")).toEqual({ ok: false, error: "CredentialsSignin" });
    const slowed = await checkCredentials(db, email, PASSWORD, "198.51.100.9");
    expect(slowed).toEqual({ ok: false, error: "SlowDown", retryAfterSeconds: SLOWDOWN_BASE_SECONDS });
    // The wait doubles with each failure of that address (three now), counted from its latest.
    await failuresFrom([{ ip: "198.51.100.9", secondsAgo: 20 }, { ip: "198.51.100.9", secondsAgo: 10 }]);
    const third = await throttled(db, email, "198.51.100.9");
    expect(third).toMatchObject({ reason: "SlowDown" });
    expect(third!.retryAfterSeconds).toBeGreaterThan(4 * SLOWDOWN_BASE_SECONDS - 5);
    expect(third!.retryAfterSeconds).toBeLessThanOrEqual(4 * SLOWDOWN_BASE_SECONDS);
    // Once it has waited, its attempt is checked again and the right password gets in.
    expect(await throttled(db, email, "198.51.100.9", new Date(Date.now() + 4 * SLOWDOWN_BASE_SECONDS * 1000))).toBeNull();
    // Below the threshold nobody is slowed down.
    await db.delete(loginFailures);
    await failuresFrom(Array.from({ length: ACCOUNT_SLOWDOWN_AFTER - 2 }, (_, i) => ({ ip: `203.0.113.${i}` })));
    await checkCredentials(db, email, "guess", "198.51.100.10");
    expect((await checkCredentials(db, email, PASSWORD, "198.51.100.10")).ok).toBe(true);
  });

  it("stops one address spraying passwords across many accounts, whichever account it tries next", async () => {
    await failuresFrom(Array.from({ length: ADDRESS_LIMIT - 1 }, (_, i) => ({ email: `victim${i}@test.local`, ip: "203.0.113.50" })));
    expect(await checkCredentials(db, "victim-last@test.local", "123456", "203.0.113.50")).toEqual({ ok: false, error: "CredentialsSignin" });
    const refused = await checkCredentials(db, email, PASSWORD, "203.0.113.50");
    expect(refused).toMatchObject({ ok: false, error: "TooManyFromAddress" });
    // Only that address waits.
    expect((await checkCredentials(db, email, PASSWORD, "203.0.113.51")).ok).toBe(true);
  });

  it("counts IPv6 clients by their /64, so rotating through one's own network does not help", async () => {
    for (let i = 0; i < ACCOUNT_ADDRESS_LIMIT; i++) await checkCredentials(db, email, "wrong", `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect(await checkCredentials(db, email, PASSWORD, "2001:db8:1:2:ffff::1")).toMatchObject({ ok: false, error: "TooManyAttempts" });
    expect((await checkCredentials(db, email, PASSWORD, "2001:db8:1:3::1")).ok).toBe(true);
  });

  it("serialises a burst of parallel guesses: no more than the limit are checked", async () => {
    const results = await Promise.all(Array.from({ length: ACCOUNT_ADDRESS_LIMIT + 5 }, () => checkCredentials(db, email, "wrong", "10.9.9.9")));
    expect(results.filter((r) => !r.ok && r.error === "CredentialsSignin")).toHaveLength(ACCOUNT_ADDRESS_LIMIT);
    expect(results.filter((r) => !r.ok && r.error === "TooManyAttempts")).toHaveLength(5);
  });

  it("forgets failures once the window has passed", async () => {
    await failuresFrom(Array.from({ length: ACCOUNT_ADDRESS_LIMIT }, () => ({ ip: "10.0.0.4", secondsAgo: WINDOW_MINUTES * 60 + 60 })));
    expect((await checkCredentials(db, email, PASSWORD, "10.0.0.4")).ok).toBe(true);
    await failuresFrom([{ email: "x", ip: "y", secondsAgo: WINDOW_MINUTES * 60 + 60 }]);
    expect(await pruneFailures(db)).toBeGreaterThanOrEqual(1);
  });

  it("refuses deactivated users", async () => {
    await db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect((await checkCredentials(db, email, PASSWORD, "10.0.0.5")).ok).toBe(false);
    await db.update(users).set({ active: true }).where(eq(users.id, userId));
  });
});

describe("session versions", () => {
  it("signing out ends every token of the user; a stale token can neither be used nor sign anyone out", async () => {
    const signedIn = await checkCredentials(db, email, PASSWORD, "10.0.0.6");
    if (!signedIn.ok) throw new Error("sign-in failed");
    const token = { uid: userId, sv: signedIn.user.sessionVersion };
    expect(await findSessionUser(db, token)).toMatchObject({ id: userId, email });

    expect(await endSessions(db, token)).toBe(true);
    // The copied cookie carries the old version: no user any more.
    expect(await findSessionUser(db, token)).toBeNull();
    // Replaying it at sign-out does not end the sessions that came after.
    const again = await checkCredentials(db, email, PASSWORD, "10.0.0.6");
    if (!again.ok) throw new Error("sign-in failed");
    expect(again.user.sessionVersion).toBe(token.sv + 1);
    expect(await endSessions(db, token)).toBe(false);
    expect(await findSessionUser(db, { uid: userId, sv: again.user.sessionVersion })).toMatchObject({ id: userId });
  });

  it("takes no token without a version (issued before versions existed) or of a deactivated user", async () => {
    expect(sessionClaims({ uid: userId })).toBeNull();
    expect(sessionClaims({ uid: String(userId), sv: 0 })).toBeNull();
    expect(sessionClaims(null)).toBeNull();
    const [user] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
    await db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await findSessionUser(db, { uid: userId, sv: user!.sv })).toBeNull();
    await db.update(users).set({ active: true }).where(eq(users.id, userId));
  });
});

describe("createOrgWithAdmin", () => {
  it("makes a working org from nothing whose administrator can sign in and see everything", async () => {
    const { createOrgWithAdmin } = await import("@/lib/org/setup");
    const { viewerFor } = await import("@/lib/permissions/load");
    const { orgId, userId } = await createOrgWithAdmin(db, { orgName: "Công ty ABC", adminEmail: "boss@abc.vn", adminName: "Nguyễn Văn A", password: "s3cret-pass", locale: "vi" });
    expect((await checkCredentials(db, "boss@abc.vn", "s3cret-pass", "127.0.0.1")).ok).toBe(true);
    const viewer = await viewerFor(db, userId);
    expect(viewer).toMatchObject({ orgId, isAdmin: true, access: { superuser: true } });
    // A Vietnamese org's default roles are named in Vietnamese.
    const { roles } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const names = (await db.select({ name: roles.name }).from(roles).where(eq(roles.orgId, orgId))).map((r) => r.name).sort();
    expect(names).toEqual(["Chỉ xem", "Nhân viên kinh doanh", "Quản trị viên", "Trưởng phòng kinh doanh"]);
    await expect(createOrgWithAdmin(db, { orgName: "Again", adminEmail: "BOSS@abc.vn", adminName: "x", password: "y", locale: "en" })).rejects.toThrow("exists already");
  });
});
