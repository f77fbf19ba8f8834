import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * NEXTAUTH_SECRET when set. Otherwise a random secret made once and kept in the data folder,
 * so a fresh install is never signed with a secret published in the source.
 */
export function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.CRM_DATA_DIR || ".data");
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) {
    // Written whole to a temporary file, then linked into place: a process starting at the same
    // moment either wins the link or reads the winner's secret, never a half-written file.
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(temporary, randomBytes(32).toString("hex"), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  return readFileSync(file, "utf8").trim();
}
