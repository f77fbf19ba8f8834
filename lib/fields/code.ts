import { searchable } from "@/lib/search/normalize";

/** The reference's field codes: UF_CRM_ then A–Z, 0–9, _ — 50 characters at most. */
export const CODE_PATTERN = /^UF_CRM_[A-Z0-9_]{1,43}$/;

export function isValidCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** A code made from a label ("Mã số thuế" → UF_CRM_MA_SO_THUE); the caller makes it unique. */
export function codeFromLabel(label: string): string {
  const slug = searchable(label)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 36);
  return `UF_CRM_${slug || "FIELD"}`;
}
