"use server";

import { defineAction } from "@/lib/actions/action";
import { dealDeleteSchema, dealFormSchema, dealUpdateSchema } from "./form-schema";
import { assertMayCreate, createDeal, deleteDeal, lockDealForUpdate, updateDeal } from "./service";
import { submittedCustomValues } from "@/lib/fields/submitted";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { ActionContext } from "@/lib/actions/action";
import { parseId } from "@/lib/ids";
import { copyProductRows } from "@/lib/products/rows";
import { copyFilesOf } from "@/lib/files/copy";

/** The custom fields the form sent, parsed with the org's field definitions; uploads are stored only once `authorize` passed. */
async function customValues(context: ActionContext, authorize: () => Promise<unknown>) {
  const defs = await getFieldDefinitions(context.db, context.viewer);
  return { defs, custom: await submittedCustomValues(context, defs, { authorize }) };
}

export const createDealAction = defineAction({
  schema: dealFormSchema,
  multiple: ["contactIds"],
  async run(input, context) {
    const { db, viewer, t } = context;
    const { defs, custom } = await customValues(context, () => assertMayCreate(db, viewer, input));
    const copyFrom = context.formData.get("copyFrom");
    const source = parseId(copyFrom);
    const values = source ? await copyFilesOf(db, viewer, source, defs, custom, context.onFailure) : custom;
    const id = await createDeal(db, viewer, { ...input, custom: values }, { defaultTitle: (n) => t("deals.defaultTitle", { id: n }) });
    if (source) await copyProductRows(db, viewer, source, id);
    return { redirectTo: `/deals/${id}?notice=created`, revalidate: ["/deals"] };
  },
});

export const updateDealAction = defineAction({
  schema: dealUpdateSchema,
  multiple: ["contactIds"],
  async run({ id, version, ...input }, context) {
    const { custom } = await customValues(context, () => lockDealForUpdate(context.db, context.viewer, id));
    await updateDeal(context.db, context.viewer, id, version, { ...input, custom });
    return { redirectTo: `/deals/${id}?notice=saved`, revalidate: ["/deals", `/deals/${id}`] };
  },
});

export const deleteDealAction = defineAction({
  schema: dealDeleteSchema,
  async run({ id, version }, { db, viewer }) {
    await deleteDeal(db, viewer, id, version);
    return { redirectTo: "/deals?notice=deleted", revalidate: ["/deals"] };
  },
});
