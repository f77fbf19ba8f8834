import { parseAmount, type Currency } from "@/lib/money/money";

/** How a file writes numbers: Vietnamese 12.500.000,5 or English 12,500,000.5. */
export type NumberFormat = "vi" | "en";
export const numberFormatChoices = ["auto", "vi", "en"] as const;
export type NumberFormatChoice = (typeof numberFormatChoices)[number];

const decimalOf: Record<NumberFormat, "." | ","> = { vi: ",", en: "." };

/** A cell without what people put around an amount: ₫, đ, VND, $, US$, spaces of every kind. */
export function bareNumber(cell: string): string {
  return cell
    .replace(/(US\$|\$|₫|VNĐ|VND|đ|USD|EUR|€)/gi, "")
    .replace(/[\s\u00a0\u202f]/g, "")
    .trim();
}

/** An amount cell read in a format: the exact decimal, or null when it is not a number there. */
export function readAmount(cell: string, format: NumberFormat, currency: Currency): string | null {
  const parsed = parseAmount(bareNumber(cell), decimalOf[format], currency);
  return parsed.ok ? parsed.amount : null;
}

/**
 * The format a file's amounts are written in: the one that reads all of them when only one does;
 * where both read every cell ("1.500", "1,5"), the one the cells' own shape points to — a dot and
 * then three digits in a number that has two dots or a comma decimal is Vietnamese — else
 * `fallback` (the org's language).
 */
export function detectNumberFormat(cells: string[], fallback: NumberFormat, currency: Currency = "USD"): NumberFormat {
  const values = cells.map(bareNumber).filter(Boolean);
  if (values.length === 0) return fallback;
  const readsAll = (format: NumberFormat) => values.every((v) => readAmount(v, format, currency) !== null);
  const vi = readsAll("vi");
  const en = readsAll("en");
  if (vi !== en) return vi ? "vi" : "en";
  const votes = { vi: 0, en: 0 };
  for (const v of values) {
    if (/\d\.\d{3}\.\d{3}/.test(v) || /\d,\d{1,2}$/.test(v)) votes.vi++;
    if (/\d,\d{3},\d{3}/.test(v) || /\d\.\d{1,2}$/.test(v)) votes.en++;
  }
  return votes.vi === votes.en ? fallback : votes.vi > votes.en ? "vi" : "en";
}
