import { formatDate, formatMoney } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/translate";
import { normalizeAmount } from "@/lib/money/money";
import { customPlaceholder, type StandardPlaceholder, type TemplateContext } from "./template";

/** What a template can say about a deal, as loaded (template-context.ts), before formatting. */
export type TemplateFacts = {
  deal: { id: number; title: string; amount: string | null; currency: string; stage: string; closeDate: string };
  contact: { name: string; email: string | null; phone: string | null } | null;
  company: { title: string } | null;
  responsible: { name: string; email: string } | null;
  /** Custom field code → its value in words ("" when empty). */
  custom: Record<string, string>;
};

/**
 * The placeholders' values in the message's language: the amount in the deal's currency with the
 * locale's separators (VND without decimals: "1.500.000 ₫" in Vietnamese, "₫1,500,000" in
 * English), the close date as the locale writes dates, the card's address on `siteUrl`.
 * `amountHidden`: what stands for an amount the author's role may not see.
 */
export function templateValues(facts: TemplateFacts, { locale, siteUrl, amountHidden }: { locale: Locale; siteUrl: string; amountHidden: string }): TemplateContext {
  const { deal, contact, company, responsible } = facts;
  const standard: Record<StandardPlaceholder, string> = {
    "deal.title": deal.title,
    "deal.amount": deal.amount === null ? amountHidden : formatMoney(normalizeAmount(deal.amount), deal.currency, locale),
    "deal.stage": deal.stage,
    "deal.closeDate": formatDate(deal.closeDate, locale),
    "deal.id": String(deal.id),
    "deal.url": `${siteUrl.replace(/\/+$/, "")}/deals/${deal.id}`,
    "contact.name": contact?.name ?? "",
    "contact.email": contact?.email ?? "",
    "contact.phone": contact?.phone ?? "",
    "company.title": company?.title ?? "",
    "responsible.name": responsible?.name ?? "",
    "responsible.email": responsible?.email ?? "",
  };
  return { ...standard, ...Object.fromEntries(Object.entries(facts.custom).map(([code, text]) => [customPlaceholder(code), text])) };
}

/** The address links in messages point at: NEXTAUTH_URL (the site's public URL), else this server. */
export function siteUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.NEXTAUTH_URL || `http://localhost:${env.PORT || 3000}`;
}
