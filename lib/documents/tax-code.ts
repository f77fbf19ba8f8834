/**
 * A Vietnamese tax code (mã số thuế): ten digits whose last is a check digit, optionally a
 * branch suffix "-001"; or an individual's twelve-digit citizen id, used as a tax code since 2025.
 * The check digit is 10 − (Σ dᵢ·wᵢ mod 11) with weights 31, 29, 23, 19, 17, 13, 7, 5, 3; a
 * result of 10 is never issued.
 */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export type TaxCodeCheck = { ok: true; value: string } | { ok: false; reason: "format" | "checksum" };

export function checkTaxCode(input: string): TaxCodeCheck {
  const value = input.replace(/\s/g, "");
  if (/^\d{12}$/.test(value)) return { ok: true, value };
  const match = /^(\d{10})(?:-(\d{3}))?$/.exec(value);
  if (!match) return { ok: false, reason: "format" };
  const digits = match[1]!.split("").map(Number);
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const check = 10 - (sum % 11);
  if (check === 10 || check !== digits[9]) return { ok: false, reason: "checksum" };
  return { ok: true, value };
}
