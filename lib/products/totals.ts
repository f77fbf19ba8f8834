import { minorUnits, type Currency } from "@/lib/money/money";
import { divideRounded, fromUnits, multiply, ONE, percent, roundTo, toUnits } from "./decimal";

/** A product row as the deal stores it: decimal strings, the deal's currency. */
export type ProductRowInput = {
  price: string;
  quantity: string;
  discountType: "percent" | "absolute";
  /** Percent of the price, or an amount off each unit. */
  discountValue: string;
  /** Percent, or null for no tax. */
  taxRate: string | null;
  /** The price already includes the tax (the tax is taken out of it) or the tax is added on top. */
  taxIncluded: boolean;
};

export type RowTotals = { unitPrice: string; discountPerUnit: string; net: string; tax: string; gross: string };
export type DealTotals = { net: string; tax: string; gross: string; discount: string };

/**
 * One row's totals, rounded per currency once, at the line: price less the discount, times the
 * quantity, is the line amount; with the tax added, that is the net and the tax is net × rate;
 * with the tax included, that is the gross and the net is gross ÷ (1 + rate). Net + tax = gross
 * exactly, so a deal's totals (sums of its rows) never drift from its rows by a minor unit.
 */
export function rowTotals(row: ProductRowInput, currency: Currency): RowTotals & { units: { net: bigint; tax: bigint; gross: bigint; discount: bigint } } {
  const digits = minorUnits[currency];
  const price = toUnits(row.price);
  const quantity = toUnits(row.quantity);
  const discountValue = toUnits(row.discountValue);
  const discountPerUnit = row.discountType === "percent" ? multiply(price, percent(discountValue)) : discountValue;
  const unitPrice = price - discountPerUnit;
  const line = roundTo(multiply(unitPrice, quantity), digits);
  const rate = row.taxRate === null ? 0n : percent(toUnits(row.taxRate));
  let net: bigint;
  let gross: bigint;
  if (row.taxIncluded) {
    gross = line;
    net = roundTo(divideRounded(gross * ONE, ONE + rate), digits);
  } else {
    net = line;
    gross = net + roundTo(multiply(net, rate), digits);
  }
  const tax = gross - net;
  const discount = roundTo(multiply(discountPerUnit, quantity), digits);
  return {
    unitPrice: fromUnits(unitPrice, Math.max(digits, 2)),
    discountPerUnit: fromUnits(discountPerUnit, Math.max(digits, 2)),
    net: fromUnits(net, digits),
    tax: fromUnits(tax, digits),
    gross: fromUnits(gross, digits),
    units: { net, tax, gross, discount },
  };
}

/** A row's price as it is stored: rounded to the currency's minor unit (at least cents). */
export function storedPrice(price: string, currency: Currency): string {
  return fromUnits(roundTo(toUnits(price), Math.max(minorUnits[currency], 2)), 2);
}

/** The deal's totals: the sums of its rows' rounded amounts. */
export function dealTotals(rows: ProductRowInput[], currency: Currency): DealTotals {
  const digits = minorUnits[currency];
  let [net, tax, gross, discount] = [0n, 0n, 0n, 0n];
  for (const row of rows) {
    const t = rowTotals(row, currency).units;
    net += t.net;
    tax += t.tax;
    gross += t.gross;
    discount += t.discount;
  }
  return { net: fromUnits(net, digits), tax: fromUnits(tax, digits), gross: fromUnits(gross, digits), discount: fromUnits(discount, digits) };
}
