"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { planSchema } from "./plan-form";
import { deletePlan, savePlan } from "./plans";

export const savePlanAction = defineAction({
  schema: planSchema,
  async run({ id, ...input }, { db, viewer }) {
    await savePlan(db, viewer, id, input);
    return { redirectTo: `/settings/plans?year=${input.periodStart.slice(0, 4)}&notice=planSaved`, revalidate: ["/settings/plans", "/analytics/plans"] };
  },
});

export const deletePlanAction = defineAction({
  schema: () => z.object({ id: z.coerce.number().int().positive() }),
  async run({ id }, { db, viewer }) {
    await deletePlan(db, viewer, id);
    return { redirectTo: "/settings/plans?notice=planDeleted", revalidate: ["/settings/plans", "/analytics/plans"] };
  },
});
