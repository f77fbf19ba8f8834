import type { Currency } from "@/lib/money/money";
import { minorUnits } from "@/lib/money/money";
import type { Locale } from "@/lib/i18n/translate";

/**
 * An amount written out as on a Vietnamese invoice ("Một triệu năm trăm nghìn đồng") or an
 * English one ("One million five hundred thousand dong"). Works on the decimal string, so any
 * numeric(18,2) amount reads exactly.
 */
export function amountInWords(amount: string, currency: Currency, locale: Locale): string {
  const negative = amount.trim().startsWith("-");
  const [intPart = "0", fracPart = ""] = amount.trim().replace(/^[-+]/, "").split(".");
  const whole = BigInt(intPart || "0");
  const digits = minorUnits[currency];
  const minor = digits > 0 ? BigInt((fracPart + "0".repeat(digits)).slice(0, digits)) : 0n;
  const text = locale === "vi" ? vietnamese(whole, minor, currency) : english(whole, minor, currency);
  const signed = negative && (whole > 0n || minor > 0n) ? `${locale === "vi" ? "âm" : "minus"} ${text}` : text;
  return signed.charAt(0).toUpperCase() + signed.slice(1);
}

const VI_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const VI_UNIT: Record<Currency, [string, string]> = { VND: ["đồng", ""], USD: ["đô la Mỹ", "xu"], EUR: ["euro", "xu"] };

/** Three digits; `full` reads a zero hundreds place ("không trăm") as an inner group must. */
function viGroup(n: number, full: boolean): string {
  const [h, t, u] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const words: string[] = [];
  if (full || h > 0) words.push(VI_DIGITS[h]!, "trăm");
  if (t === 0) {
    if (u > 0) words.push(...(words.length ? ["lẻ"] : []), VI_DIGITS[u]!);
  } else if (t === 1) {
    words.push("mười");
    if (u > 0) words.push(u === 5 ? "lăm" : VI_DIGITS[u]!);
  } else {
    words.push(VI_DIGITS[t]!, "mươi");
    if (u > 0) words.push(u === 1 ? "mốt" : u === 5 ? "lăm" : VI_DIGITS[u]!);
  }
  return words.join(" ");
}

/** Below a billion: millions, thousands and units, zero groups left out. */
function viBelowBillion(n: bigint, leading: boolean): string[] {
  const groups = [Number(n / 1_000_000n), Number((n / 1000n) % 1000n), Number(n % 1000n)];
  const scales = ["triệu", "nghìn", ""];
  const words: string[] = [];
  groups.forEach((g, i) => {
    if (g === 0) return;
    words.push(viGroup(g, !(leading && words.length === 0)));
    if (scales[i]) words.push(scales[i]!);
  });
  return words;
}

function viNumber(n: bigint, leading = true): string {
  if (n === 0n) return "không";
  const words: string[] = [];
  const billions = n / 1_000_000_000n;
  const rest = n % 1_000_000_000n;
  if (billions > 0n) words.push(viNumber(billions, leading), "tỷ");
  if (rest > 0n) words.push(...viBelowBillion(rest, leading && billions === 0n));
  return words.join(" ");
}

function vietnamese(whole: bigint, minor: bigint, currency: Currency): string {
  const [major, cents] = VI_UNIT[currency];
  const text = `${viNumber(whole)} ${major}`;
  return minor > 0n ? `${text} ${viNumber(minor)} ${cents}` : text;
}

const EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const EN_SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"];
const EN_UNIT: Record<Currency, [string, string, string, string]> = {
  VND: ["dong", "dong", "", ""],
  USD: ["US dollar", "US dollars", "cent", "cents"],
  EUR: ["euro", "euros", "cent", "cents"],
};

function enGroup(n: number): string {
  const words: string[] = [];
  if (n >= 100) words.push(EN_ONES[Math.floor(n / 100)]!, "hundred");
  const rest = n % 100;
  if (rest >= 20) words.push(EN_TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ""));
  else if (rest > 0) words.push(EN_ONES[rest]!);
  return words.join(" ");
}

function enNumber(n: bigint): string {
  if (n === 0n) return "zero";
  const words: string[] = [];
  for (let scale = 0; n > 0n; scale++, n /= 1000n) {
    const group = Number(n % 1000n);
    if (group) words.unshift([enGroup(group), EN_SCALES[scale]].filter(Boolean).join(" "));
  }
  return words.join(" ");
}

function english(whole: bigint, minor: bigint, currency: Currency): string {
  const [one, many, cent, cents] = EN_UNIT[currency];
  const text = `${enNumber(whole)} ${whole === 1n ? one : many}`;
  return minor > 0n ? `${text} and ${enNumber(minor)} ${minor === 1n ? cent : cents}` : text;
}
