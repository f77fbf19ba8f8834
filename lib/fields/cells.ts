import "server-only";
import type { Db } from "@/db/client";
import { getHistoryLookups } from "@/lib/deals/queries";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { customReferences, formatCustomValue } from "./format";
import type { FieldDefinition } from "./values";

/** The list's (and the export's) custom columns as text per row, with the names of the records they point to. */
export async function customCellTexts(
  db: Db,
  orgId: number,
  defs: FieldDefinition[],
  rows: { id: number; custom: Record<string, unknown> }[],
  i18n: { t: Translate; locale: Locale; timeZone: string },
): Promise<Map<number, Record<string, string>>> {
  const texts = new Map<number, Record<string, string>>();
  if (defs.length === 0) return texts;
  const ids = customReferences(defs, rows.map((r) => r.custom));
  const needsNames = ids.users.size + ids.companies.size + ids.contacts.size > 0;
  const names = needsNames ? await getHistoryLookups(db, orgId, { companies: ids.companies, contacts: ids.contacts }) : undefined;
  for (const row of rows) texts.set(row.id, Object.fromEntries(defs.map((def) => [def.code, formatCustomValue(def, row.custom[def.code], { ...i18n, names })])));
  return texts;
}
