"use server";

import { defineAction } from "@/lib/actions/action";
import { dealDeleteSchema, dealFormSchema, dealUpdateSchema } from "./form-schema";
import { createDeal, deleteDeal, updateDeal } from "./service";

export const createDealAction = defineAction({
  schema: dealFormSchema,
  multiple: ["contactIds"],
  async run(input, { db, viewer, t }) {
    const id = await createDeal(db, viewer, input, { defaultTitle: (n) => t("deals.defaultTitle", { id: n }) });
    return { redirectTo: `/deals/${id}?notice=created`, revalidate: ["/deals"] };
  },
});

export const updateDealAction = defineAction({
  schema: dealUpdateSchema,
  multiple: ["contactIds"],
  async run({ id, version, ...input }, { db, viewer }) {
    await updateDeal(db, viewer, id, version, input);
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
