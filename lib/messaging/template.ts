import { ActionError } from "@/lib/actions/errors";

/**
 * Message templates: text with placeholders such as `{{deal.title}}` or `{{deal.uf.UF_CRM_TAX}}`,
 * filled from a deal's context (template-context.ts). Values are plain text: in an HTML body they
 * are escaped, so a deal titled "<script>" arrives as text, never as markup.
 */

/** The placeholders every org has; custom fields add `deal.uf.<CODE>`. */
export const STANDARD_PLACEHOLDERS = [
  "deal.title",
  "deal.amount",
  "deal.stage",
  "deal.closeDate",
  "deal.id",
  "deal.url",
  "contact.name",
  "contact.email",
  "contact.phone",
  "company.title",
  "responsible.name",
  "responsible.email",
] as const;
export type StandardPlaceholder = (typeof STANDARD_PLACEHOLDERS)[number];

/** Placeholder name → its value as text, already formatted for the message's language. */
export type TemplateContext = Record<string, string>;

export const customPlaceholder = (code: string) => `deal.uf.${code}`;

// Anything between double braces is a placeholder, so a misspelt one is reported, not sent as is.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a text uses, each once, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Placeholders of the text that are neither standard nor a custom field among `customCodes`. */
export function unknownPlaceholders(text: string, customCodes: readonly string[]): string[] {
  const known = new Set<string>([...STANDARD_PLACEHOLDERS, ...customCodes.map(customPlaceholder)]);
  return placeholdersOf(text).filter((name) => !known.has(name));
}

/** For the editor: refuses a template with unknown placeholders, naming them all. */
export function assertKnownPlaceholders(text: string, customCodes: readonly string[]): void {
  const unknown = unknownPlaceholders(text, customCodes);
  if (unknown.length) throw new ActionError("invalid", "messaging.errors.unknownPlaceholders", { list: unknown.map((n) => `{{${n}}}`).join(", ") });
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * The text with every placeholder replaced by its value (empty when the context has none: an
 * unknown one was refused when the template was saved; a value can be missing, e.g. no contact).
 * `html`: the template is markup written by the robot's author; the values are escaped.
 */
export function renderTemplate(text: string, context: TemplateContext, { html = false }: { html?: boolean } = {}): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.hasOwn(context, name) ? context[name]! : "";
    return html ? escapeHtml(value) : value;
  });
}
