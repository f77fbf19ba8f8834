"use server";

import { z } from "zod";
import { idField } from "@/lib/ids";
import { defineAction } from "@/lib/actions/action";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { standardCardFields } from "./resolve";
import { applyCommonToEveryone, layoutFor, layoutFromForm, resetCommonLayout, resetPersonalLayout, saveLayout } from "./service";

const id = idField();
const page = (pipelineId: number, scope: string) => `/deals/layout?pipeline=${pipelineId}&scope=${scope}`;

/** Saves the card layout the editor shows (common or personal), from its section and field order numbers. */
export const saveLayoutAction = defineAction({
  schema: () => z.object({ pipelineId: id, scope: z.enum(["common", "personal"]) }).catchall(z.string().max(200)),
  async run({ pipelineId, scope, ...values }, { db, viewer }) {
    const codes = (await getFieldDefinitions(db, viewer)).map((d) => d.code);
    const { layout } = await layoutFor(db, viewer, pipelineId, codes, scope);
    const keys = [...standardCardFields, ...codes];
    await saveLayout(db, viewer, pipelineId, scope, layoutFromForm(values as Record<string, string>, keys, layout));
    return { redirectTo: `${page(pipelineId, scope)}&notice=layoutSaved`, revalidate: ["/deals"] };
  },
});

export const resetLayoutAction = defineAction({
  schema: () => z.object({ pipelineId: id, op: z.enum(["reset", "applyAll", "default"]) }),
  async run({ pipelineId, op }, { db, viewer }) {
    if (op === "reset") await resetPersonalLayout(db, viewer, pipelineId);
    else if (op === "applyAll") await applyCommonToEveryone(db, viewer, pipelineId);
    else await resetCommonLayout(db, viewer, pipelineId);
    const notice = { reset: "layoutReset", applyAll: "layoutApplied", default: "layoutSaved" }[op];
    return { redirectTo: `${page(pipelineId, op === "reset" ? "personal" : "common")}&notice=${notice}`, revalidate: ["/deals"] };
  },
});
