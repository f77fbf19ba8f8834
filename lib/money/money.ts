/**
 * The one money type: an exact decimal string plus an ISO currency code.
 * Amounts never pass through a float; the database keeps numeric(18,2).
 */
export type Money = { amount: string; currency: Currency };

export const currencies = ["VND", "USD", "EUR"] as const;
export type Currency = (typeof currencies)[number];

/** Digits after the decimal point a currency allows (VND has no minor unit). */
export const minorUnits: Record<Currency, number> = { VND: 0, USD: 2, EUR: 2 };

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (currencies as readonly string[]).includes(value);
}

export type AmountParseError = "invalidNumber" | "noFractionForCurrency" | "amountTooLarge";

const MAX_INTEGER_DIGITS = 16; // numeric(18,2)

/**
 * Reads an amount typed by a person in their locale: "1.500.000" (vi) or "1,500,000.50" (en).
 * A lone separator that is not followed by exactly three digits is taken as the decimal point,
 * so "1500000.5" is understood in either locale.
 */
export function parseAmount(
  input: string,
  decimalSeparator: "." | ",",
  currency: Currency,
): { ok: true; amount: string } | { ok: false; error: AmountParseError } {
  return parseDecimal(input, decimalSeparator, minorUnits[currency]);
}

/** A non-negative decimal as a person types it in their locale (grouping allowed), with at most `maxFraction` decimals. */
export function parseDecimal(input: string, decimalSeparator: "." | ",", maxFraction: number): { ok: true; amount: string } | { ok: false; error: AmountParseError } {
  const compact = input.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return { ok: true, amount: "0" };
  const groupSeparator = decimalSeparator === "." ? "," : ".";
  // Grouped digits must come in threes after the first group: "1,000,5" is a typo, not 10005.
  const groupedWell = (integerPart: string) => {
    const groups = integerPart.split(groupSeparator);
    return groups.length === 1 || (groups[0]!.length >= 1 && groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3));
  };
  let normalized: string;
  if (compact.includes(decimalSeparator)) {
    const at = compact.lastIndexOf(decimalSeparator);
    if (!groupedWell(compact.slice(0, at))) return { ok: false, error: "invalidNumber" };
    normalized = `${compact.slice(0, at).split(groupSeparator).join("")}.${compact.slice(at + 1)}`;
  } else {
    const parts = compact.split(groupSeparator);
    const lone = parts.length === 2 && parts[1]!.length !== 3;
    if (!lone && !groupedWell(compact)) return { ok: false, error: "invalidNumber" };
    normalized = lone ? `${parts[0]}.${parts[1]}` : parts.join("");
  }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(normalized);
  if (!match) return { ok: false, error: "invalidNumber" };
  const integer = match[1]!.replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, error: "amountTooLarge" };
  if (fraction.length > maxFraction) {
    return { ok: false, error: maxFraction === 0 ? "noFractionForCurrency" : "invalidNumber" };
  }
  return { ok: true, amount: fraction ? `${integer}.${fraction}` : integer };
}

/** numeric(18,2) comes back as "1500000.00"; this drops the zeros the currency does not use. */
export function normalizeAmount(dbValue: string): string {
  if (!dbValue.includes(".")) return dbValue;
  return dbValue.replace(/\.?0+$/, "");
}

/** The amount as a person edits it in a form field, in their locale's decimal separator. */
export function amountForInput(amount: string, decimalSeparator: "." | ","): string {
  return normalizeAmount(amount).replace(".", decimalSeparator);
}

/** a + sign × b for exact decimal strings ("12.5", "-3"), without floats: column totals that move with a card. */
export function addDecimals(a: string, b: string, sign: 1 | -1 = 1): string {
  const scale = Math.max(a.split(".")[1]?.length ?? 0, b.split(".")[1]?.length ?? 0);
  const toUnits = (v: string) => {
    const negative = v.startsWith("-");
    const [int = "0", frac = ""] = v.replace(/^[-+]/, "").split(".");
    const units = BigInt(int + frac.padEnd(scale, "0"));
    return negative ? -units : units;
  };
  const sum = toUnits(a) + BigInt(sign) * toUnits(b);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, "0");
  const result = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return normalizeAmount(`${negative ? "-" : ""}${result}`);
}

/** The exact sum of decimal strings. */
export function sumDecimals(values: string[]): string {
  return values.reduce((sum, value) => addDecimals(sum, value), "0");
}

/** amount ÷ n for an exact decimal string, rounded half away from zero to cents: an average deal. */
export function divideDecimal(amount: string, n: number): string {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError("divide by a positive whole number");
  const negative = amount.startsWith("-");
  const [int = "0", frac = ""] = amount.replace(/^[-+]/, "").split(".");
  const cents = BigInt(int + frac.padEnd(2, "0").slice(0, 2));
  const quotient = (cents * 2n + BigInt(n)) / (2n * BigInt(n));
  const digits = quotient.toString().padStart(3, "0");
  return normalizeAmount(`${negative && quotient > 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`);
}
