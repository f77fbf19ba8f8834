/**
 * An address a message can be sent to: local@domain, no spaces or angle brackets, a dotted
 * domain. Deliberately plain (what forms accept), not the whole of RFC 5322.
 */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\].]{2,}$/.test(value) && !value.includes("..");
}

/** A sender as mail headers write it: "sales@company.vn" or "Company <sales@company.vn>" (no line breaks). */
export function isMailbox(value: string): boolean {
  if (/[\r\n]/.test(value) || value.length > 320) return false;
  const named = /^([^<>]*)<([^<>]+)>$/.exec(value.trim());
  return named ? isEmailAddress(named[2]!.trim()) : isEmailAddress(value.trim());
}
