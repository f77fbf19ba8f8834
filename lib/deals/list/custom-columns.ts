import "server-only";
import type { Db } from "@/db/client";
import { customCellTexts } from "@/lib/fields/cells";
import type { FieldDefinition } from "@/lib/fields/values";
import type { Locale, Translate } from "@/lib/i18n/translate";
import type { ListRow } from "./queries";

export type ListRowWithCustom = Omit<ListRow, "custom"> & { customText: Record<string, string> };

/** Rows as the browser gets them: the chosen custom columns as text, and no other custom value. */
export async function withCustomText(
  db: Db,
  viewer: { orgId: number; org: { timezone: string } },
  columns: FieldDefinition[],
  rows: ListRow[],
  i18n: { t: Translate; locale: Locale },
): Promise<ListRowWithCustom[]> {
  const texts = await customCellTexts(db, viewer.orgId, columns, rows, { ...i18n, timeZone: viewer.org.timezone });
  return rows.map((row) => {
    const { custom, ...rest } = row;
    void custom;
    return { ...rest, customText: texts.get(row.id) ?? {} };
  });
}
