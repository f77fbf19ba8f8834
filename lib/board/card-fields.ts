/** What a board card may show besides its title; chosen per user, or by an admin for everyone. */
export const cardFields = ["amount", "client", "responsible", "closeDate", "createdAt", "badge"] as const;
export type CardField = (typeof cardFields)[number];
export const defaultCardFields: CardField[] = ["amount", "client", "responsible", "closeDate", "badge"];
export const CARD_FIELDS_SETTING = "deals.board.fields";

/** Known fields only, in the catalogue's order; anything else (an old or forged value) is null. */
export function cleanCardFields(value: unknown): CardField[] | null {
  if (!Array.isArray(value)) return null;
  return cardFields.filter((f) => value.includes(f));
}
