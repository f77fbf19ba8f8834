import { en } from "@/lib/i18n/messages/en";
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import { comparisonParts, type SummaryLookups } from "./summary";

/**
 * A run's detail as the log shows it. The engine stores `automation_runs.detail` as JSON text,
 * {"key": "<message key>", "vars": {...}}; a bare word names a key under automation.detail.
 * A key the catalogue does not know shows nothing rather than a raw key or an error.
 */
export type RunDetail = { key: MessageKey; vars: Record<string, string | number> };

function isMessageKey(key: string): key is MessageKey {
  let node: unknown = en;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

export function parseRunDetail(text: string | null | undefined): RunDetail | null {
  if (!text) return null;
  let key: unknown;
  let vars: unknown;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) ({ key, vars } = parsed as { key?: unknown; vars?: unknown });
    else key = parsed;
  } catch {
    key = /^\w+$/.test(text) ? `automation.detail.${text}` : null;
  }
  if (typeof key !== "string" || !isMessageKey(key)) return null;
  const clean: Record<string, string | number> = {};
  if (typeof vars === "object" && vars !== null) {
    for (const [name, value] of Object.entries(vars)) if (typeof value === "string" || typeof value === "number") clean[name] = value;
  }
  return { key, vars: clean };
}

/** The detail in the user's words; a failed condition names the field and comparison as the editor does. */
export function runDetailText(text: string | null | undefined, t: Translate, lookups: SummaryLookups): string {
  const detail = parseRunDetail(text);
  if (!detail) return "";
  if (detail.key === "automation.detail.conditionFailed") {
    const { field = "", cmp = "", value } = detail.vars;
    return t(detail.key, comparisonParts(String(field), String(cmp), value === undefined ? undefined : String(value), t, lookups)).trim();
  }
  return t(detail.key, detail.vars);
}
