import "server-only";
import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, customFields, departments, pipelines, products, roles, stages, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";

/** The org's tables a form can name a row of by its id. */
const tables = { users, departments, pipelines, stages, companies, contacts, products, roles, customFields };
export type OrgTable = keyof typeof tables;

/**
 * The one check of ids taken from a form against the org: every id must be a row of this org (a
 * user: an active one, unless `activeUsersOnly` is false). Anything else is refused as an
 * unknown option on `field`, the same answer for another org's row as for a missing one, before
 * anything is written with it.
 */
export async function assertOrgIds(db: Db, orgId: number, table: OrgTable, ids: readonly number[], field = "_form", { activeUsersOnly = true } = {}): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const t = tables[table];
  const extra: SQL | undefined = table === "users" && activeUsersOnly ? eq(users.active, true) : undefined;
  const [row] = await db
    .select({ n: count() })
    .from(t)
    .where(and(eq(t.orgId, orgId), inArray(t.id, wanted), extra));
  if ((row?.n ?? 0) !== wanted.length) throw new ActionError("invalid", "errors.invalid", undefined, { [field]: "errors.unknownOption" });
}
