import { minorUnits, type Currency } from "@/lib/money/money";
import { fromUnits } from "@/lib/products/decimal";
import { rowTotals, type ProductRowInput } from "@/lib/products/totals";

export type RateTotals = { taxRate: string | null; net: string; tax: string; gross: string };
export type DocumentTotals = { net: string; tax: string; gross: string; discount: string; byRate: RateTotals[] };

const rateKey = (rate: string | null) => (rate === null ? null : rate.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, ""));

/**
 * A document's totals: each row rounded once at the line (as the deal's rows are), then summed
 * per tax rate (no tax first, then by rate) and overall, so the lines of an invoice's tax table
 * add up to its totals to the last minor unit.
 */
export function documentTotals(rows: ProductRowInput[], currency: Currency): DocumentTotals {
  const digits = minorUnits[currency];
  const groups = new Map<string | null, { net: bigint; tax: bigint; gross: bigint }>();
  let [net, tax, gross, discount] = [0n, 0n, 0n, 0n];
  for (const row of rows) {
    const t = rowTotals(row, currency).units;
    const key = rateKey(row.taxRate);
    const group = groups.get(key) ?? { net: 0n, tax: 0n, gross: 0n };
    group.net += t.net;
    group.tax += t.tax;
    group.gross += t.gross;
    groups.set(key, group);
    net += t.net;
    tax += t.tax;
    gross += t.gross;
    discount += t.discount;
  }
  const byRate = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : Number(a) - Number(b)))
    .map(([taxRate, g]) => ({ taxRate, net: fromUnits(g.net, digits), tax: fromUnits(g.tax, digits), gross: fromUnits(g.gross, digits) }));
  return { net: fromUnits(net, digits), tax: fromUnits(tax, digits), gross: fromUnits(gross, digits), discount: fromUnits(discount, digits), byRate };
}
