"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { deletePreset, saveListColumns, savePreset } from "./preferences";
import { listQueryParams, parseListQuery } from "./url-state";

export const saveColumnsAction = defineAction({
  schema: () => z.object({ "columns[]": z.array(z.string().max(60)).max(100).default([]), back: z.string().max(2000).default("") }),
  async run(input, { db, viewer }) {
    await saveListColumns(db, viewer, input["columns[]"]);
    return { redirectTo: `/deals${input.back.startsWith("?") ? input.back : ""}`, revalidate: ["/deals"] };
  },
});

export const savePresetAction = defineAction({
  schema: ({ t }) => z.object({ name: z.string().trim().min(1, t("errors.required")).max(60, t("errors.tooLong", { max: 60 })), query: z.string().max(2000).default("") }),
  async run(input, { db, viewer }) {
    // Stored as a cleaned query string without paging: a preset is a filter and a sort.
    const query = listQueryParams(parseListQuery(new URLSearchParams(input.query))).toString();
    await savePreset(db, viewer, input.name, query);
    return { redirectTo: `/deals?${query}`, revalidate: ["/deals"] };
  },
});

export const deletePresetAction = defineAction({
  schema: () => z.object({ id: z.coerce.number().int().positive() }),
  async run(input, { db, viewer }) {
    await deletePreset(db, viewer, input.id);
    return { redirectTo: "/deals", revalidate: ["/deals"] };
  },
});
