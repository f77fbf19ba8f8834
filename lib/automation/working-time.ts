import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { orgSettings } from "@/db/schema";
import { defaultWorkingTime, type WorkingTime } from "./timing";

const KEY = "automation.workingTime";
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const workingTimeSchema = z.object({
  days: z.array(z.number().int().min(0).max(6)).max(7),
  start: hhmm,
  end: hhmm,
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(366),
});

/** The org's working time (Settings → Working time); Monday to Friday 9:00–18:00 until set. */
export async function getWorkingTime(db: Db, orgId: number): Promise<WorkingTime> {
  const [row] = await db.select({ value: orgSettings.value }).from(orgSettings).where(and(eq(orgSettings.orgId, orgId), eq(orgSettings.key, KEY)));
  const parsed = workingTimeSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultWorkingTime;
}

/** The caller has checked that the viewer administers the org. */
export async function saveWorkingTime(db: Db, orgId: number, value: WorkingTime): Promise<void> {
  const parsed = workingTimeSchema.parse(value);
  await db.insert(orgSettings).values({ orgId, key: KEY, value: parsed }).onConflictDoUpdate({ target: [orgSettings.orgId, orgSettings.key], set: { value: parsed } });
}
