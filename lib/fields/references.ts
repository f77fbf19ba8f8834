import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, deals, storedFiles, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { MessageKey } from "@/lib/i18n/translate";
import { customReferences } from "./format";
import type { FieldDefinition, StoredValue } from "./values";

/** Employees and CRM records that custom values point to must exist in the org (employees: active). */
export async function assertCustomReferences(db: Db, orgId: number, defs: FieldDefinition[], values: Record<string, StoredValue | null>): Promise<void> {
  const sent = defs.filter((d) => d.code in values);
  const ids = customReferences(sent, [values]);
  const found = async (table: typeof users | typeof companies | typeof contacts | typeof deals, wanted: Set<number>, extra?: ReturnType<typeof eq>) => {
    if (wanted.size === 0) return new Set<number>();
    const rows = await db.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), inArray(table.id, [...wanted]), extra));
    return new Set(rows.map((r) => r.id));
  };
  const [u, co, ct, d, files] = await Promise.all([
    found(users, ids.users, eq(users.active, true)),
    found(companies, ids.companies),
    found(contacts, ids.contacts),
    found(deals, ids.deals),
    ids.files.size ? db.select({ id: storedFiles.id, code: storedFiles.fieldCode }).from(storedFiles).where(and(eq(storedFiles.orgId, orgId), inArray(storedFiles.id, [...ids.files]))) : [],
  ]);
  const errors: Record<string, MessageKey> = {};
  for (const def of sent) {
    // A file belongs to the field it was uploaded into: it cannot be moved into another one by its number.
    const have =
      def.type === "employee" ? u : def.type === "file" ? new Set(files.filter((f) => f.code === def.code).map((f) => f.id)) : def.type === "crm" ? { company: co, contact: ct, deal: d }[def.settings.target ?? "company"] : null;
    if (!have) continue;
    const v = values[def.code];
    if ((Array.isArray(v) ? v : [v]).some((id) => typeof id === "number" && !have.has(id))) errors[`cf:${def.code}`] = "errors.unknownOption";
  }
  if (Object.keys(errors).length) throw new ActionError("invalid", "errors.invalid", undefined, errors);
}
