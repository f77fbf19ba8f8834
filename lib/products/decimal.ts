/**
 * Exact decimals as scaled BigInts, for product rows: every amount is an integer count of
 * 1/10^SCALE, and rounding happens only where a currency says so (half away from zero).
 */
export const SCALE = 8;
const ONE = 10n ** BigInt(SCALE);

export function toUnits(value: string): bigint {
  const negative = value.trim().startsWith("-");
  const [int = "0", frac = ""] = value.trim().replace(/^[-+]/, "").split(".");
  const units = BigInt((int || "0") + frac.slice(0, SCALE).padEnd(SCALE, "0"));
  return negative ? -units : units;
}

export function fromUnits(units: bigint, digits: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / ONE;
  const frac = (abs % ONE).toString().padStart(SCALE, "0").slice(0, digits);
  const text = digits > 0 ? `${whole}.${frac}` : `${whole}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** a × b, both scaled: the product rescaled, rounded half away from zero. */
export function multiply(a: bigint, b: bigint): bigint {
  return divideRounded(a * b, ONE);
}

/** a ÷ b rounded half away from zero. */
export function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (x * 2n + y) / (y * 2n);
  return negative ? -q : q;
}

/** Rounds scaled units to a currency's minor unit (VND: whole đồng, USD: cents). */
export function roundTo(units: bigint, minorDigits: number): bigint {
  const step = 10n ** BigInt(SCALE - minorDigits);
  return divideRounded(units, step) * step;
}

export const percent = (rate: bigint) => divideRounded(rate, 100n);
export { ONE };
