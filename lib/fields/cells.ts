import "server-only";
import type { Db } from "@/db/client";
import { orgNames, recordNames, type HistoryLookups } from "@/lib/deals/queries";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { customReferences, formatCustomValue } from "./format";
import type { FieldDefinition } from "./values";

type Rows = { id: number; custom: Record<string, unknown> }[];
type I18n = { t: Translate; locale: Locale; timeZone: string };

/**
 * Custom columns as text per row, with the names of the records they point to, for a reader
 * that goes through many pages (an export of 100,000 rows): the org's users, pipelines and
 * stages are read once, companies and contacts only when a page names ones not seen yet.
 */
export function customCellReader(db: Db, orgId: number, defs: FieldDefinition[]) {
  let org: ReturnType<typeof orgNames> | null = null;
  const companies = new Map<number, string>();
  const contacts = new Map<number, string>();
  return async (rows: Rows, i18n: I18n): Promise<Map<number, Record<string, string>>> => {
    const texts = new Map<number, Record<string, string>>();
    if (defs.length === 0) return texts;
    const ids = customReferences(defs, rows.map((r) => r.custom));
    let names: HistoryLookups | undefined;
    if (ids.users.size + ids.companies.size + ids.contacts.size > 0) {
      const missing = { companies: new Set([...ids.companies].filter((id) => !companies.has(id))), contacts: new Set([...ids.contacts].filter((id) => !contacts.has(id))) };
      const [base, records] = await Promise.all([(org ??= orgNames(db, orgId)), recordNames(db, orgId, missing)]);
      for (const [id, name] of records.companies) companies.set(id, name);
      for (const [id, name] of records.contacts) contacts.set(id, name);
      names = { ...base, companies, contacts };
    }
    for (const row of rows) texts.set(row.id, Object.fromEntries(defs.map((def) => [def.code, formatCustomValue(def, row.custom[def.code], { ...i18n, names })])));
    return texts;
  };
}

/** The list's custom columns of one page as text per row. */
export async function customCellTexts(db: Db, orgId: number, defs: FieldDefinition[], rows: Rows, i18n: I18n): Promise<Map<number, Record<string, string>>> {
  return customCellReader(db, orgId, defs)(rows, i18n);
}
