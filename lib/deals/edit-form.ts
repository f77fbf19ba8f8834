import "server-only";
import type { Db } from "@/db/client";
import { customReferences } from "@/lib/fields/format";
import { customFormValues } from "@/lib/fields/form-input";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { fileNames } from "@/lib/files/uploads";
import { decimalSeparator } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/translate";
import { formNamesOf, type StandardCardField } from "@/lib/layouts/resolve";
import { getDealFormOptions } from "@/lib/org/queries";
import type { Viewer } from "@/lib/permissions";
import { editDealValues } from "./form-values";
import type { DealCard } from "./queries";

/** What the deal form needs to edit a deal (all of it, a section, or one field in place): its choices and the deal's current values. */
export async function dealEditForm(db: Db, viewer: Viewer & { org: { timezone: string } }, card: DealCard, locale: Locale) {
  const [options, customFields] = await Promise.all([
    getDealFormOptions(db, viewer.orgId, card.deal.assignedById, { companyIds: card.deal.companyId ? [card.deal.companyId] : [], contactIds: card.contacts.map((c) => c.id) }),
    getFieldDefinitions(db, viewer),
  ]);
  const separator = decimalSeparator(locale) as "." | ",";
  const fileIds = [...customReferences(customFields, [card.deal.custom]).files];
  const names = Object.fromEntries([...(await fileNames(db, viewer.orgId, fileIds))].map(([k, v]) => [String(k), v]));
  const initial = { ...editDealValues(card.deal, card.contacts.map((c) => c.id), separator), ...customFormValues(customFields, card.deal.custom, separator, viewer.org.timezone) };
  return { options, customFields, names, initial };
}

/**
 * The form inputs that edit one card field in place, or null for a field edited elsewhere or not
 * at all (pipeline and stage move through the stage bar; who created it and when are history).
 */
export function inlineFormNames(key: string, customCodes: string[]): string[] | null {
  if (customCodes.includes(key)) return [key];
  if (!(key in formNamesOf) || key === "pipeline" || key === "stage") return null;
  const names = formNamesOf[key as StandardCardField];
  return names.length ? names : null;
}
