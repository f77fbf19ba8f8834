import type { LoadedTemplateContext } from "./template-context";
import { renderTemplate, unknownPlaceholders } from "./template";

/** A robot's message as the client receives it: what the e-mail and SMS robots queue, and the editor previews. */
export type ComposedMessage = { channel: "email" | "sms"; recipient: string | null; subject: string | null; body: string; html: boolean; unknown: string[] };

/** The e-mail from its templates: plain-text subject, an HTML body whose values are escaped and whose lines are kept. */
export function composeEmail(template: { subject: string; body: string }, context: LoadedTemplateContext): ComposedMessage {
  return {
    channel: "email",
    recipient: context.client.email,
    subject: renderTemplate(template.subject, context.values),
    body: renderTemplate(template.body, context.values, { html: true }).replace(/\n/g, "<br>\n"),
    html: true,
    unknown: unknownPlaceholders(`${template.subject}\n${template.body}`, context.customCodes),
  };
}

export function composeSms(template: { text: string }, context: LoadedTemplateContext): ComposedMessage {
  return { channel: "sms", recipient: context.client.phone, subject: null, body: renderTemplate(template.text, context.values), html: false, unknown: unknownPlaceholders(template.text, context.customCodes) };
}
