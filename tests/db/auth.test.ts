import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { checkCredentials } from "@/lib/auth/sign-in";
import { MAX_ACCOUNT_FAILURES, MAX_FAILURES, pruneFailures } from "@/lib/auth/throttle";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let email: string;
beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  const org = await makeOrg(db);
  const [user] = await db.update(users).set({ passwordHash: await hashPassword("đúng-mật-khẩu") }).where(eq(users.id, org.seller.id)).returning();
  email = user!.email;
});
afterAll(() => handle.close());

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    const result = await checkCredentials(db, email.toUpperCase(), "đúng-mật-khẩu", "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { email } });
  });

  it("refuses a wrong password and an unknown account the same way", async () => {
    expect(await checkCredentials(db, email, "wrong", "10.0.0.1")).toEqual({ ok: false, error: "CredentialsSignin" });
    expect(await checkCredentials(db, "nobody@test.local", "wrong", "10.0.0.1")).toEqual({ ok: false, error: "CredentialsSignin" });
  });

  it("throttles an account from one address after too many failures, even with the right password", async () => {
    await db.delete(loginFailures);
    for (let i = 0; i < MAX_FAILURES; i++) await checkCredentials(db, email, "wrong", "10.0.0.2");
    expect(await checkCredentials(db, email, "đúng-mật-khẩu", "10.0.0.2")).toEqual({ ok: false, error: "TooManyAttempts" });
    // Another address is not affected.
    expect((await checkCredentials(db, email, "đúng-mật-khẩu", "10.0.0.3")).ok).toBe(true);
  });

  it("caps failures per account across addresses, so a forged X-Forwarded-For does not help", async () => {
    await db.delete(loginFailures);
    for (let i = 0; i < MAX_ACCOUNT_FAILURES; i++) await checkCredentials(db, email, "wrong", `203.0.113.${i}`);
    expect(await checkCredentials(db, email, "đúng-mật-khẩu", "198.51.100.1")).toEqual({ ok: false, error: "TooManyAttempts" });
    await db.delete(loginFailures);
  });

  it("serialises a burst of parallel guesses: no more than the limit are checked", async () => {
    await db.delete(loginFailures);
    const results = await Promise.all(Array.from({ length: MAX_FAILURES + 5 }, () => checkCredentials(db, email, "wrong", "10.9.9.9")));
    expect(results.filter((r) => !r.ok && r.error === "CredentialsSignin")).toHaveLength(MAX_FAILURES);
    expect(results.filter((r) => !r.ok && r.error === "TooManyAttempts")).toHaveLength(5);
    await db.delete(loginFailures);
  });

  it("forgets failures once the window has passed", async () => {
    await db.delete(loginFailures);
    const old = new Date(Date.now() - 16 * 60_000);
    await db.insert(loginFailures).values(Array.from({ length: MAX_FAILURES }, () => ({ email: email.toLowerCase(), ip: "10.0.0.4", at: old })));
    expect((await checkCredentials(db, email, "đúng-mật-khẩu", "10.0.0.4")).ok).toBe(true);
    await db.insert(loginFailures).values({ email: "x", ip: "y", at: old });
    expect(await pruneFailures(db)).toBeGreaterThanOrEqual(1);
  });

  it("refuses deactivated users", async () => {
    await db.update(users).set({ active: false }).where(eq(users.email, email));
    expect((await checkCredentials(db, email, "đúng-mật-khẩu", "10.0.0.5")).ok).toBe(false);
    await db.update(users).set({ active: true }).where(eq(users.email, email));
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
    await expect(createOrgWithAdmin(db, { orgName: "Again", adminEmail: "BOSS@abc.vn", adminName: "x", password: "y", locale: "en" })).rejects.toThrow("exists already");
  });
});
