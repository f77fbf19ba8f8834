"use server";

import { defineAction } from "@/lib/actions/action";
import { createDocumentSchema, detailsSchema, documentRefSchema, paymentSchema, statusSchema } from "./form-schema";
import { changeStatus, createFromDeal, deleteDocument, invoiceFromQuote, recordPayment, reopen, updateDetails } from "./service";

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
  async run({ id, ...payment }, { db, viewer }) {
    await recordPayment(db, viewer, id, payment);
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
