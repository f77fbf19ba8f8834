"use server";

import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { parseId } from "@/lib/ids";
import { formatMoney } from "@/lib/i18n/format";
import { createPublicLink, revokePublicLink } from "./public-link";
import { deleteMyCompany, myCompanySchema, readImage, saveMyCompany, type CompanyImages } from "./companies";
import { createDocumentSchema, detailsSchema, documentRefSchema, numberingSchema, paymentSchema, sendSchema, statusSchema, statusSettingsSchema } from "./form-schema";
import { deleteStatus, saveStatus } from "./statuses";
import { saveNumbering } from "./numbers";
import { sendDocumentByEmail } from "./send";
import { siteOrigin } from "@/lib/automation/triggers/site";
import { changeStatus, createFromDeal, deleteDocument, invoiceFromQuote, recordPayment, refreshRowsFromDeal, reopen, updateDetails } from "./service";

const page = (id: number) => `/deals/documents/${id}`;
const lists = ["/deals/quotes", "/deals/invoices"];

export const createDocumentAction = defineAction({
  schema: createDocumentSchema,
  async run({ dealId, kind }, { db, viewer }) {
    const id = await createFromDeal(db, viewer, dealId, kind);
    return { redirectTo: `${page(id)}?notice=documentCreated`, revalidate: [`/deals/${dealId}`, ...lists], data: { id } };
  },
});

export const invoiceFromQuoteAction = defineAction({
  schema: documentRefSchema,
  async run({ id }, { db, viewer }) {
    const invoiceId = await invoiceFromQuote(db, viewer, id);
    return { redirectTo: `${page(invoiceId)}?notice=documentCreated`, revalidate: [page(id), ...lists], data: { id: invoiceId } };
  },
});

export const changeStatusAction = defineAction({
  schema: statusSchema,
  async run({ id, version, status }, { db, viewer }) {
    await changeStatus(db, viewer, id, version ?? undefined, status);
    return { redirectTo: `${page(id)}?notice=documentStatus`, revalidate: [page(id), ...lists] };
  },
});

export const refreshRowsAction = defineAction({
  schema: documentRefSchema,
  async run({ id, version }, { db, viewer }) {
    if (version === null) throw new ActionError("stale", "documents.errors.stale");
    await refreshRowsFromDeal(db, viewer, id, version);
    return { redirectTo: `${page(id)}?notice=rowsRefreshed`, revalidate: [page(id), ...lists] };
  },
});

export const reopenAction = defineAction({
  schema: documentRefSchema,
  async run({ id, version }, { db, viewer }) {
    await reopen(db, viewer, id, version ?? undefined);
    return { redirectTo: `${page(id)}?notice=documentStatus`, revalidate: [page(id), ...lists] };
  },
});

export const updateDetailsAction = defineAction({
  schema: detailsSchema,
  async run({ id, version, ...details }, { db, viewer }) {
    await updateDetails(db, viewer, id, version, details);
    return { redirectTo: `${page(id)}?notice=documentSaved`, revalidate: [page(id), ...lists] };
  },
});

export const recordPaymentAction = defineAction({
  schema: paymentSchema,
  async run({ id, ...payment }, { db, viewer, locale }) {
    await recordPayment(db, viewer, id, payment).catch((error: unknown) => {
      // The balance in the refusal, as the person reads money.
      if (error instanceof ActionError && error.vars?.balance !== undefined) {
        throw new ActionError(error.code, error.messageKey, { ...error.vars, balance: formatMoney(String(error.vars.balance), String(error.vars.currency), locale) }, error.fieldErrors);
      }
      throw error;
    });
    return { redirectTo: `${page(id)}?notice=paymentRecorded`, revalidate: [page(id), ...lists] };
  },
});

export const deleteDocumentAction = defineAction({
  schema: documentRefSchema,
  async run({ id, version }, { db, viewer }) {
    const { dealId, kind } = await deleteDocument(db, viewer, id, version ?? undefined);
    return { redirectTo: `/deals/${dealId}?tab=${kind}s&notice=documentDeleted`, revalidate: [`/deals/${dealId}`, ...lists] };
  },
});

function imageOf(formData: FormData, name: "logo" | "stamp") {
  const file = formData.get(name);
  return file instanceof File && file.size > 0 ? file : null;
}

export const saveMyCompanyAction = defineAction({
  schema: myCompanySchema,
  async run({ id: rawId, ...input }, { db, viewer, formData }) {
    const id = rawId ? parseId(rawId) : null;
    if (rawId && id === null) throw new ActionError("notFound", "errors.notFound");
    const images: CompanyImages = {};
    for (const name of ["logo", "stamp"] as const) {
      const file = imageOf(formData, name);
      if (!file) continue;
      // Bounded by what was sent, read at most once: a file above the limit is refused before it is read.
      if (file.size > 1024 * 1024) throw new ActionError("invalid", "documents.errors.image", undefined, { [name]: "documents.errors.image" });
      const bytes = Buffer.from(await file.arrayBuffer());
      const image = readImage(bytes);
      if (!image.ok) throw new ActionError("invalid", "documents.errors.image", undefined, { [name]: "documents.errors.image" });
      images[name] = { bytes, type: image.type };
    }
    await saveMyCompany(db, viewer, id, input, images);
    return { redirectTo: "/settings/companies?notice=companySaved", revalidate: ["/settings/companies"] };
  },
});

export const deleteMyCompanyAction = defineAction({
  schema: documentRefSchema,
  async run({ id }, { db, viewer }) {
    await deleteMyCompany(db, viewer, id);
    return { redirectTo: "/settings/companies?notice=companyDeleted", revalidate: ["/settings/companies"] };
  },
});

export const sharePublicLinkAction = defineAction({
  schema: documentRefSchema,
  async run({ id }, { db, viewer }) {
    const { token } = await createPublicLink(db, viewer, id);
    // The token is shown once, on the page this goes back to; only its hash is stored.
    return { redirectTo: `${page(id)}?link=${token}`, revalidate: [page(id)] };
  },
});

export const revokePublicLinkAction = defineAction({
  schema: documentRefSchema,
  async run({ id }, { db, viewer }) {
    await revokePublicLink(db, viewer, id);
    return { redirectTo: `${page(id)}?notice=linkRevoked`, revalidate: [page(id)] };
  },
});

export const sendDocumentAction = defineAction({
  schema: sendSchema,
  async run({ id, version, ...input }, { db, viewer, locale }) {
    await sendDocumentByEmail(db, viewer, id, version, { ...input, locale }, await siteOrigin());
    return { redirectTo: `${page(id)}?notice=documentSent`, revalidate: [page(id), ...lists] };
  },
});

export const saveNumberingAction = defineAction({
  schema: numberingSchema,
  async run({ kind, ...rule }, { db, viewer }) {
    await saveNumbering(db, viewer, kind, rule);
    return { redirectTo: "/settings/companies?notice=numberingSaved", revalidate: ["/settings/companies"] };
  },
});

export const saveStatusAction = defineAction({
  schema: statusSettingsSchema,
  async run({ id, ...input }, { db, viewer }) {
    await saveStatus(db, viewer, id, input);
    return { redirectTo: "/settings/companies?notice=statusSaved#statuses", revalidate: ["/settings/companies"] };
  },
});

export const deleteStatusAction = defineAction({
  schema: documentRefSchema,
  async run({ id }, { db, viewer }) {
    await deleteStatus(db, viewer, id);
    return { redirectTo: "/settings/companies?notice=statusDeleted#statuses", revalidate: ["/settings/companies"] };
  },
});
