import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, orgs, webForms } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { createDeal } from "@/lib/deals/service";
import { customInputFromForm, parseCustomInput } from "@/lib/fields/form-input";
import type { FieldDefinition } from "@/lib/fields/values";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { isCurrency } from "@/lib/money/money";
import { mayAddClients } from "@/lib/permissions";
import { viewerFor } from "@/lib/permissions/load";
import { onWebFormSubmitted } from "../detect";
import { customCodeOf } from "../kinds";
import { SECRET_PATTERN, sameSecret } from "../secrets";
import { checkContactFields } from "./definition";
import { formCustomFields, type WebForm } from "./service";

/**
 * A visitor's submission of a public web form: a contact (and a company, if the form asks for
 * one) and a deal with source WEBFORM, created through the deal service acting as the form's
 * author, whose permissions are checked again now; then the web form triggers of the deal's
 * pipeline fire. Spam protection (the honeypot, the rate limit per address) is the caller's.
 */

/** The form a public URL names, or null; compared in constant time after the unique index found it. */
export async function formBySecret(db: Db, secret: string): Promise<WebForm | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const [row] = await db.select().from(webForms).where(eq(webForms.secret, secret));
  return row && sameSecret(secret, row.secret) ? row : null;
}

/** The custom fields a form shows, as its author sees them, required where the form says so. */
export async function publicFormFields(db: Db, form: WebForm): Promise<FieldDefinition[] | null> {
  const author = await viewerFor(db, form.authorId);
  if (!author || author.orgId !== form.orgId) return null;
  const offered = new Map((await formCustomFields(db, author)).map((f) => [f.code, f]));
  return form.fields.flatMap(({ key, required }) => {
    const def = offered.get(customCodeOf(key) ?? "");
    return def ? [{ ...def, mandatory: required }] : [];
  });
}

const unavailable = () => new ActionError("notFound", "triggers.publicForm.unavailable");

export type Submission = { values: Record<string, string | string[] | undefined>; formData: FormData };

/**
 * Creates the contact and the deal in the caller's transaction; returns the deal's id. What the
 * visitor typed wrong is refused by field (their input kept); what is wrong with the form itself
 * (its author may no longer do this) says only that the form cannot take submissions now.
 */
export async function submitWebForm(db: Db, form: WebForm, { values, formData }: Submission, i18n: { t: Translate; locale: Locale }): Promise<number> {
  const author = await viewerFor(db, form.authorId);
  const customDefs = await publicFormFields(db, form);
  if (!author || !customDefs || !form.enabled || !mayAddClients(author)) throw unavailable();
  const [org] = await db.select({ timezone: orgs.timezone, baseCurrency: orgs.baseCurrency }).from(orgs).where(eq(orgs.id, form.orgId));
  const contact = checkContactFields(form.fields, values, i18n.t);
  let custom: ReturnType<typeof parseCustomInput> = {};
  const errors = { ...contact.errors };
  try {
    custom = parseCustomInput(customInputFromForm(formData, customDefs, org!.timezone), customDefs, i18n, { enforceMandatory: true });
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    Object.assign(errors, error.fieldMessages);
  }
  if (Object.keys(errors).length > 0) throw new ActionError("invalid", "errors.invalid", undefined, undefined, errors);

  const { name, phone, email, company, comment } = contact.values;
  const contactName = name ?? email ?? phone!;
  const [firm] = company
    ? await db.insert(companies).values({ orgId: form.orgId, title: company, assignedById: form.responsibleId }).returning({ id: companies.id })
    : [];
  const [person] = await db
    .insert(contacts)
    .values({
      orgId: form.orgId,
      name: contactName,
      companyId: firm?.id ?? null,
      phones: phone ? [{ value: phone, kind: "WORK" }] : [],
      emails: email ? [{ value: email, kind: "WORK" }] : [],
      assignedById: form.responsibleId,
    })
    .returning({ id: contacts.id });
  const dealId = await createDeal(db, author, {
    title: `${form.name}: ${contactName}`.slice(0, 255),
    stageId: form.stageId,
    amount: "0",
    currency: isCurrency(org!.baseCurrency) ? org!.baseCurrency : "VND",
    probability: null,
    assignedById: form.responsibleId,
    companyId: firm?.id ?? null,
    contactIds: [person!.id],
    beginDate: null,
    closeDate: null,
    opened: true,
    sourceId: "WEBFORM",
    sourceDescription: form.name.slice(0, 255),
    typeId: null,
    comments: comment ?? null,
    custom,
  }).catch((error: unknown) => {
    if (!(error instanceof ActionError)) throw error;
    // The form's set-up no longer fits (a stage that now requires a field, a responsible who left…).
    console.warn(`[web-form] form ${form.id} cannot create its deal: ${error.messageKey}`);
    throw unavailable();
  });
  await onWebFormSubmitted(db, form.orgId, { id: dealId, stageId: form.stageId }, form.id);
  return dealId;
}
