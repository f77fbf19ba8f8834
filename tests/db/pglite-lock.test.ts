import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";

const dir = mkdtempSync(path.join(tmpdir(), "crm-lock-"));
const lockFile = path.join(dir, "pglite.lock");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded database folder", () => {
  it("is locked while open and released on close", async () => {
    const handle = await openDatabase({ url: "", dataDir: dir });
    expect(existsSync(lockFile)).toBe(true);
    await handle.close();
    expect(existsSync(lockFile)).toBe(false);
  });

  it("refuses a second process with a clear message, and takes over a stale lock", async () => {
    // Another live process (our parent) holds it.
    writeFileSync(lockFile, String(process.ppid));
    await expect(openDatabase({ url: "", dataDir: dir })).rejects.toThrow(`is in use by process ${process.ppid}`);
    // A lock left by a process that no longer exists is taken over.
    writeFileSync(lockFile, "999999999");
    const handle = await openDatabase({ url: "", dataDir: dir });
    await handle.close();
  });
});
