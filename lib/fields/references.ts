import "server-only";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, deals, storedFiles, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { MessageKey } from "@/lib/i18n/translate";
import { dealScope, type Viewer } from "@/lib/permissions";
import { customReferences } from "./format";
import type { FieldDefinition, StoredValue } from "./values";

/** Where the values are going: the deal (null while it is being created) and what it holds now. */
export type ReferenceTarget = { dealId: number | null; before: Record<string, unknown> };

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/**
 * What custom values point to must be there for the viewer: employees active in the org,
 * companies and contacts of the org, deals the viewer may read (a deal they may not read answers
 * like one that does not exist), and files of this deal's field. A file is accepted only when the
 * deal already holds it in that field (re-submitted unchanged), it was uploaded into that field of
 * this deal, or it is the viewer's own upload no deal holds yet (the one this form just sent):
 * never another deal's file taken by its number, which its download would then hand out.
 */
export async function assertCustomReferences(db: Db, viewer: Viewer, defs: FieldDefinition[], values: Record<string, StoredValue | null>, target: ReferenceTarget): Promise<void> {
  const sent = defs.filter((d) => d.code in values);
  const ids = customReferences(sent, [values]);
  const orgId = viewer.orgId;
  const found = async (table: typeof users | typeof companies | typeof contacts, wanted: Set<number>, extra?: ReturnType<typeof eq>) => {
    if (wanted.size === 0) return new Set<number>();
    const rows = await db.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), inArray(table.id, [...wanted]), extra));
    return new Set(rows.map((r) => r.id));
  };
  const readableDeals = async () => {
    if (ids.deals.size === 0) return new Set<number>();
    const rows = await db.select({ id: deals.id }).from(deals).where(and(inArray(deals.id, [...ids.deals]), dealScope(viewer, "READ")));
    return new Set(rows.map((r) => r.id));
  };
  const ownFiles = () =>
    ids.files.size
      ? db
          .select({ id: storedFiles.id, code: storedFiles.fieldCode })
          .from(storedFiles)
          .where(
            and(
              eq(storedFiles.orgId, orgId),
              inArray(storedFiles.id, [...ids.files]),
              or(target.dealId === null ? sql`false` : eq(storedFiles.dealId, target.dealId), and(isNull(storedFiles.dealId), eq(storedFiles.createdById, viewer.id))),
            ),
          )
      : [];
  const [u, co, ct, d, files] = await Promise.all([found(users, ids.users, eq(users.active, true)), found(companies, ids.companies), found(contacts, ids.contacts), readableDeals(), ownFiles()]);
  const errors: Record<string, MessageKey> = {};
  for (const def of sent) {
    const have =
      def.type === "employee"
        ? u
        : def.type === "file"
          ? new Set([...files.filter((f) => f.code === def.code).map((f) => f.id), ...listOf(target.before[def.code]).filter((id): id is number => typeof id === "number")])
          : def.type === "crm"
            ? { company: co, contact: ct, deal: d }[def.settings.target ?? "company"]
            : null;
    if (!have) continue;
    if (listOf(values[def.code]).some((id) => typeof id === "number" && !have.has(id))) errors[`cf:${def.code}`] = "errors.unknownOption";
  }
  if (Object.keys(errors).length) throw new ActionError("invalid", "errors.invalid", undefined, errors);
}

/** Binds the files a deal now holds to it (uploads not yet held), after the deal was written. */
export async function bindFiles(db: Db, orgId: number, dealId: number, defs: FieldDefinition[], custom: Record<string, unknown>): Promise<void> {
  const ids = [...customReferences(defs, [custom]).files];
  if (ids.length === 0) return;
  await db
    .update(storedFiles)
    .set({ dealId })
    .where(and(eq(storedFiles.orgId, orgId), inArray(storedFiles.id, ids), isNull(storedFiles.dealId)));
}
