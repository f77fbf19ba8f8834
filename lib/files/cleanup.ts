import "server-only";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { and, lt, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { storedFiles } from "@/db/schema";
import { fileStorage } from "./storage";

const DAY_MS = 24 * 60 * 60_000;

/**
 * Removes uploads nothing holds any more, a day after they were made: rows no deal's custom value
 * points to (a field emptied, a deal deleted), and bytes on disk without a row (an upload whose
 * deal was refused after the file was written). Returns how many of each went.
 */
export async function removeOrphanFiles(db: Db, root: string | null, now = new Date()): Promise<{ rows: number; bytes: number }> {
  const before = new Date(now.getTime() - DAY_MS);
  const orphans = await queryRows<{ id: number; key: string }>(
    db,
    sql`select f.id, f.key from ${storedFiles} f
        where f.created_at < ${before}
          and not exists (
            select 1 from deals d where d.org_id = f.org_id and d.custom ? f.field_code
              and (d.custom -> f.field_code = to_jsonb(f.id) or d.custom -> f.field_code @> jsonb_build_array(f.id))
          )`,
  );
  for (const orphan of orphans) {
    await fileStorage().remove(orphan.key);
    await db.delete(storedFiles).where(and(sql`${storedFiles.id} = ${orphan.id}`, lt(storedFiles.createdAt, before)));
  }
  let bytes = 0;
  if (root) {
    const known = new Set((await db.select({ key: storedFiles.key }).from(storedFiles)).map((r) => r.key));
    for (const org of await readdir(root).catch(() => [] as string[])) {
      if (!/^\d+$/.test(org)) continue;
      for (const name of await readdir(path.join(root, org)).catch(() => [] as string[])) {
        const key = `${org}/${name}`;
        if (known.has(key) || !/^[a-f0-9]{32}$/.test(name)) continue;
        const info = await stat(path.join(root, key)).catch(() => null);
        if (info && info.mtime < before) {
          await fileStorage().remove(key);
          bytes++;
        }
      }
    }
  }
  return { rows: orphans.length, bytes };
}
