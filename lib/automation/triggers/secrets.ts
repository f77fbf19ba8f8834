import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL's secret: 32 random bytes, base64url (43 characters, safe in a path or a query). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether two secrets are equal, in time that does not depend on where they differ. Hashing
 * first makes the lengths equal, which timingSafeEqual needs, without leaking the length either.
 */
export function sameSecret(given: string, stored: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(stored));
}
