import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs, users } from "@/db/schema";

/** What a session token carries: the user and the session version it was issued under. */
export type SessionClaims = { uid: number; sv: number };

/** The claims of a decoded token, or null when it lacks them (a token from before session versions). */
export function sessionClaims(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  const uid = token?.uid;
  const sv = token?.sv;
  return typeof uid === "number" && typeof sv === "number" ? { uid, sv } : null;
}

/**
 * The active user a session names with their org, or null: signed out since (the version moved on),
 * deactivated, or gone. The version is compared in the same statement that reads the user, so
 * checking it costs nothing per request.
 */
export async function findSessionUser(db: Db, claims: SessionClaims) {
  const [row] = await db
    .select({
      id: users.id,
      orgId: users.orgId,
      name: users.name,
      email: users.email,
      isAdmin: users.isAdmin,
      departmentId: users.departmentId,
      orgName: orgs.name,
      baseCurrency: orgs.baseCurrency,
      timezone: orgs.timezone,
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(users.id, claims.uid), eq(users.active, true), eq(users.sessionVersion, claims.sv)))
    .limit(1);
  if (!row) return null;
  const { orgName, baseCurrency, timezone, ...user } = row;
  return { ...user, org: { name: orgName, baseCurrency, timezone } };
}

/**
 * Signing out: moves the user's session version on, so every token issued before, on any device,
 * stops working. Only a token of the current version may do it, so a stale token replayed at the
 * sign-out route cannot sign the user out of their newer sessions.
 */
export async function endSessions(db: Db, claims: SessionClaims): Promise<boolean> {
  const ended = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, claims.uid), eq(users.sessionVersion, claims.sv)))
    .returning({ id: users.id });
  return ended.length > 0;
}
