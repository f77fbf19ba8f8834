import type { CardLayout, LayoutSection } from "@/db/schema/layouts";

/** The card's standard fields, as a layout places them. */
export const standardCardFields = ["pipeline", "stage", "amount", "responsible", "company", "contacts", "beginDate", "closeDate", "probability", "opened", "source", "sourceDescription", "type", "comments", "observers", "createdBy", "createdAt", "updatedAt"] as const;
export type StandardCardField = (typeof standardCardFields)[number];

/** The reference's defaults: "About the deal", "More", and the custom fields in a section of their own. */
export function defaultLayout(customCodes: string[]): CardLayout {
  return {
    sections: [
      { preset: "about", fields: ["pipeline", "stage", "amount", "responsible", "company", "contacts", "beginDate", "closeDate", "probability", "opened"] },
      { preset: "more", fields: ["source", "sourceDescription", "type", "comments", "observers", "createdBy", "createdAt", "updatedAt"] },
      ...(customCodes.length ? [{ preset: "custom" as const, fields: customCodes }] : []),
    ],
    hidden: [],
  };
}

/**
 * The layout a card shows: the stored one (else the default) with fields that no longer exist (or
 * the viewer may not see) dropped, each field once, and fields placed nowhere (a field added since)
 * appended to the last section. Empty sections stay, so a section made for later is kept.
 */
export function resolveLayout(stored: CardLayout | null, customCodes: string[]): CardLayout {
  const known = new Set<string>([...standardCardFields, ...customCodes]);
  const base = stored ?? defaultLayout(customCodes);
  const seen = new Set<string>();
  const keep = (key: string) => known.has(key) && !seen.has(key) && (seen.add(key), true);
  const sections: LayoutSection[] = base.sections.map((s) => ({ ...s, fields: s.fields.filter(keep) }));
  const hidden = base.hidden.filter(keep);
  const unplaced = [...known].filter((key) => !seen.has(key));
  if (unplaced.length) {
    if (sections.length === 0) sections.push({ preset: "more", fields: [] });
    sections[sections.length - 1]!.fields.push(...unplaced);
  }
  return { sections, hidden };
}

/** The deal form's inputs that edit a card field (read-only fields have none). */
export const formNamesOf: Record<StandardCardField, string[]> = {
  pipeline: ["stageId"],
  stage: ["stageId"],
  amount: ["amount", "currency"],
  responsible: ["assignedById"],
  company: ["companyId"],
  contacts: ["contactIds"],
  beginDate: ["beginDate"],
  closeDate: ["closeDate"],
  probability: ["probability"],
  opened: ["opened"],
  source: ["sourceId"],
  sourceDescription: ["sourceDescription"],
  type: ["typeId"],
  comments: ["comments"],
  observers: [],
  createdBy: [],
  createdAt: [],
  updatedAt: [],
};

/** The form inputs (and custom codes) a card section edits. */
export function sectionFormNames(fields: string[]): string[] {
  return [...new Set(fields.flatMap((key) => (key in formNamesOf ? formNamesOf[key as StandardCardField] : [key])))];
}
