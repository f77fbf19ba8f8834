import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, dealContacts, deals, orgs, stages, users } from "@/db/schema";
import { customCellTexts } from "@/lib/fields/cells";
import { getCustomFields, mayView, toDefinition } from "@/lib/fields/queries";
import { translator, type Locale } from "@/lib/i18n/translate";
import { amountsHidden, dealScope, mayReadClientDetails, type Viewer } from "@/lib/permissions";
import type { TemplateContext } from "./template";
import { siteUrlFromEnv, templateValues } from "./template-values";

export type LoadedTemplateContext = {
  /** Placeholder → value, for renderTemplate. */
  values: TemplateContext;
  /** Where "e-mail / text the client" sends: the primary contact's first address and phone, else the company's (as stored, not normalised). */
  client: { email: string | null; phone: string | null };
  /** Custom field codes the context covers (the author's visible fields), for unknownPlaceholders. */
  customCodes: string[];
};

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * A deal's template context in `locale`: title, amount, stage, close date, id and card link; its
 * primary contact (else its first), company, responsible and custom values as text.
 *
 * No permission check here: robots call it for their author after the engine checked the
 * author's READ on the deal. `author` still narrows what the author's role hides (custom fields
 * limited to other people are left out, a hidden amount reads "hidden"). The editor's preview goes
 * through previewTemplateContext, which checks the viewer. Null when the deal does not exist.
 */
export async function loadTemplateContext(
  db: Db,
  orgId: number,
  dealId: number,
  locale: Locale,
  { author, siteUrl = siteUrlFromEnv() }: { author?: Viewer; siteUrl?: string } = {},
): Promise<LoadedTemplateContext | null> {
  const [row] = await db
    .select({
      id: deals.id,
      pipelineId: deals.pipelineId,
      title: deals.title,
      amount: deals.amount,
      currency: deals.currency,
      closeDate: deals.closeDate,
      custom: deals.custom,
      stage: stages.name,
      responsibleName: users.name,
      responsibleEmail: users.email,
      companyTitle: companies.title,
      companyPhones: companies.phones,
      companyEmails: companies.emails,
      timeZone: orgs.timezone,
    })
    .from(deals)
    .innerJoin(orgs, eq(orgs.id, deals.orgId))
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .innerJoin(users, eq(users.id, deals.assignedById))
    .leftJoin(companies, eq(companies.id, deals.companyId))
    .where(and(eq(deals.orgId, orgId), eq(deals.id, dealId)));
  if (!row) return null;
  const [contact] = await db
    .select({ name: sql<string>`concat_ws(' ', ${contacts.lastName}, ${contacts.name})`, phones: contacts.phones, emails: contacts.emails })
    .from(dealContacts)
    .innerJoin(contacts, eq(contacts.id, dealContacts.contactId))
    .where(and(eq(dealContacts.orgId, orgId), eq(dealContacts.dealId, dealId)))
    .orderBy(desc(dealContacts.isPrimary), asc(dealContacts.sort))
    .limit(1);
  const t = translator(locale);
  const defs = (await getCustomFields(db, orgId)).filter((f) => !author || mayView(f, author)).map(toDefinition);
  const texts = (await customCellTexts(db, orgId, defs, [{ id: row.id, custom: row.custom }], { t, locale, timeZone: row.timeZone })).get(row.id) ?? {};
  const custom = Object.fromEntries(defs.map((d) => [d.code, isEmpty(row.custom[d.code]) ? "" : (texts[d.code] ?? "")]));
  const first = (list: { value: string }[] | null | undefined) => list?.find((c) => c.value.trim())?.value.trim() ?? null;
  const contactFacts = contact ? { name: contact.name, email: first(contact.emails), phone: first(contact.phones) } : null;
  const values = templateValues(
    {
      deal: { id: row.id, title: row.title, amount: author && amountsHidden(author, row.pipelineId) ? null : row.amount, currency: row.currency, stage: row.stage, closeDate: row.closeDate },
      contact: contactFacts,
      company: row.companyTitle === null ? null : { title: row.companyTitle },
      responsible: { name: row.responsibleName, email: row.responsibleEmail },
      custom,
    },
    { locale, siteUrl, amountHidden: t("common.hidden") },
  );
  return {
    values,
    client: { email: contactFacts?.email ?? first(row.companyEmails), phone: contactFacts?.phone ?? first(row.companyPhones) },
    customCodes: defs.map((d) => d.code),
  };
}

/**
 * The editor's preview against a real deal the viewer picked: null unless the viewer may read
 * it; the client's phone and e-mail are left out for a role that may not read client details.
 */
export async function previewTemplateContext(db: Db, viewer: Viewer, dealId: number, locale: Locale): Promise<LoadedTemplateContext | null> {
  const [readable] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.orgId, viewer.orgId), eq(deals.id, dealId), dealScope(viewer, "READ")));
  if (!readable) return null;
  const context = await loadTemplateContext(db, viewer.orgId, dealId, locale, { author: viewer });
  if (!context || mayReadClientDetails(viewer)) return context;
  return {
    ...context,
    values: { ...context.values, "contact.email": "", "contact.phone": "" },
    client: { email: null, phone: null },
  };
}
