"use server";

import { defineAction } from "@/lib/actions/action";
import { dealDeleteSchema, dealFormSchema, dealUpdateSchema } from "./form-schema";
import { createDeal, deleteDeal, updateDeal } from "./service";
import { submittedCustomValues } from "@/lib/fields/submitted";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { ActionContext } from "@/lib/actions/action";
import { isDbId } from "@/lib/actions/fields";
import { copyProductRows } from "@/lib/products/rows";

/** The custom fields the form sent, parsed with the org's field definitions. */
async function customValues(context: ActionContext) {
  return submittedCustomValues(context, await getFieldDefinitions(context.db, context.viewer));
}

export const createDealAction = defineAction({
  schema: dealFormSchema,
  multiple: ["contactIds"],
  async run(input, context) {
    const { db, viewer, t } = context;
    const id = await createDeal(db, viewer, { ...input, custom: await customValues(context) }, { defaultTitle: (n) => t("deals.defaultTitle", { id: n }) });
    const copyFrom = context.formData.get("copyFrom");
    if (typeof copyFrom === "string" && isDbId(copyFrom)) await copyProductRows(db, viewer, Number(copyFrom), id);
    return { redirectTo: `/deals/${id}?notice=created`, revalidate: ["/deals"] };
  },
});

export const updateDealAction = defineAction({
  schema: dealUpdateSchema,
  multiple: ["contactIds"],
  async run({ id, version, ...input }, context) {
    await updateDeal(context.db, context.viewer, id, version, { ...input, custom: await customValues(context) });
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
