"use server";

import { z } from "zod";
import { idField } from "@/lib/ids";
import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { createProduct, productSchema, updateProduct } from "./catalogue";
import { productRowSchema, rowsFromForm, type ProductRowForm } from "./row-form";
import { saveProductRows } from "./rows";
import { createSection, deleteSection, renameSection, sectionSchema } from "./sections";

const id = idField();
const CATALOGUE = "/settings/products";

export const createProductAction = defineAction({
  schema: productSchema,
  async run(input, { db, viewer }) {
    await createProduct(db, viewer, input);
    return { redirectTo: `${CATALOGUE}?notice=productCreated`, revalidate: [CATALOGUE] };
  },
});

export const updateProductAction = defineAction({
  schema: (i18n) => productSchema(i18n).extend({ id }),
  async run({ id: productId, ...input }, { db, viewer }) {
    await updateProduct(db, viewer, productId, input);
    return { redirectTo: `${CATALOGUE}?notice=productSaved`, revalidate: [CATALOGUE] };
  },
});

export const createSectionAction = defineAction({
  schema: sectionSchema,
  async run({ name }, { db, viewer }) {
    await createSection(db, viewer, name);
    return { redirectTo: `${CATALOGUE}?notice=sectionCreated#sections`, revalidate: [CATALOGUE] };
  },
});

export const renameSectionAction = defineAction({
  schema: (i18n) => sectionSchema(i18n).extend({ id }),
  async run({ id: sectionId, name }, { db, viewer }) {
    await renameSection(db, viewer, sectionId, name);
    return { redirectTo: `${CATALOGUE}?notice=sectionSaved#sections`, revalidate: [CATALOGUE] };
  },
});

export const deleteSectionAction = defineAction({
  schema: () => z.object({ id }),
  async run({ id: sectionId }, { db, viewer }) {
    await deleteSection(db, viewer, sectionId);
    return { redirectTo: `${CATALOGUE}?notice=sectionDeleted#sections`, revalidate: [CATALOGUE] };
  },
});

/** The product rows editor: every row at once, each checked with the one row schema; a bad row names its number. */
export const saveProductRowsAction = defineAction({
  schema: () => z.object({ dealId: id, version: id, follow: z.string().optional().transform((v) => v === "on" || v === "1") }),
  async run({ dealId, version, follow }, { db, viewer, formData, t, locale }) {
    const schema = productRowSchema({ t, locale });
    const rows: ProductRowForm[] = [];
    const messages: Record<string, string[]> = {};
    rowsFromForm(formData).forEach((raw, i) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) rows.push(parsed.data);
      else (messages[`row.${i}`] ??= []).push(...parsed.error.issues.map((issue) => t("products.rowError", { n: i + 1, message: issue.message })));
    });
    if (Object.keys(messages).length) throw new ActionError("invalid", "errors.invalid", undefined, undefined, messages);
    await saveProductRows(db, viewer, dealId, version, rows, follow);
    return { redirectTo: `/deals/${dealId}?tab=products&notice=productsSaved`, revalidate: [`/deals/${dealId}`, "/deals"] };
  },
});
