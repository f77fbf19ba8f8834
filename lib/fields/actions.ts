"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { fieldDefinitionSchema, fieldIdSchema } from "./form-schema";
import { createCustomField, deleteCustomField, updateCustomField } from "./service";

const PAGE = "/settings/fields";

export const createFieldAction = defineAction({
  schema: fieldDefinitionSchema,
  async run(input, { db, viewer }) {
    await createCustomField(db, viewer, input);
    return { redirectTo: `${PAGE}?notice=fieldCreated`, revalidate: [PAGE, "/deals"] };
  },
});

export const updateFieldAction = defineAction({
  schema: (i18n) => z.intersection(fieldIdSchema, fieldDefinitionSchema(i18n)),
  async run({ id, ...input }, { db, viewer }) {
    await updateCustomField(db, viewer, id, input);
    return { redirectTo: `${PAGE}?notice=fieldSaved`, revalidate: [PAGE, "/deals"] };
  },
});

export const deleteFieldAction = defineAction({
  schema: () => fieldIdSchema,
  async run({ id }, { db, viewer }) {
    await deleteCustomField(db, viewer, id);
    return { redirectTo: `${PAGE}?notice=fieldDeleted`, revalidate: [PAGE, "/deals"] };
  },
});
