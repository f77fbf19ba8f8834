import { z } from "zod";
import { idField, idListField } from "@/lib/ids";
import { customFieldTypes } from "@/db/schema/fields";
import type { Translate } from "@/lib/i18n/translate";
import type { FieldDefinitionInput } from "./service";
import { DEFAULT_MAX_MB, UPLOAD_HARD_MAX_MB } from "@/lib/files/limits";

const ids = idListField(500);

const flag = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");

/** The Settings → Fields form. */
export function fieldDefinitionSchema({ t }: { t: Translate }) {
  return z
    .object({
      label: z
        .string()
        .trim()
        .min(1, t("errors.required"))
        .max(100, t("errors.tooLong", { max: 100 })),
      type: z.enum(customFieldTypes, { error: t("errors.unknownOption") }),
      code: z
        .string()
        .trim()
        .max(50, t("fields.badCode"))
        .optional()
        .transform((v) => (v ? v.toUpperCase() : null)),
      multiple: flag,
      mandatory: flag,
      showInFilter: flag,
      showInList: flag,
      sort: z
        .string()
        .optional()
        .transform((v, context) => {
          if (!v?.trim()) return 100;
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0 || n > 100_000) {
            context.addIssue({ code: "custom", message: t("errors.invalid") });
            return z.NEVER;
          }
          return n;
        }),
      multiline: flag,
      precision: z
        .string()
        .optional()
        .transform((v, context) => {
          const n = v?.trim() ? Number(v) : 2;
          if (!Number.isInteger(n) || n < 0 || n > 6) {
            context.addIssue({ code: "custom", message: t("errors.invalid") });
            return z.NEVER;
          }
          return n;
        }),
      options: z
        .string()
        .max(20_000, t("errors.tooLong", { max: 20_000 }))
        .optional()
        .transform((v) => [...new Set((v ?? "").split(/\r?\n/).map((line) => line.trim()).filter(Boolean))].slice(0, 500)),
      target: z.enum(["company", "contact", "deal"]).optional().default("company"),
      maxSizeMb: z
        .string()
        .optional()
        .transform((v, context) => {
          const n = v?.trim() ? Number(v) : DEFAULT_MAX_MB;
          if (!Number.isInteger(n) || n < 1 || n > UPLOAD_HARD_MAX_MB) {
            context.addIssue({ code: "custom", message: t("files.tooBig", { name: "", max: UPLOAD_HARD_MAX_MB }) });
            return z.NEVER;
          }
          return n;
        }),
      extensions: z
        .string()
        .max(500)
        .optional()
        .transform((v) => [...new Set((v ?? "").split(/[\s,;]+/).map((e) => e.replace(/^\./, "").toLowerCase()).filter((e) => /^[a-z0-9]{1,10}$/.test(e)))]),
      "visibleUsers[]": ids,
      "visibleDepartments[]": ids,
    })
    .transform(({ "visibleUsers[]": visibleUsers, "visibleDepartments[]": visibleDepartments, ...v }): FieldDefinitionInput => ({ ...v, visibleUsers, visibleDepartments }));
}

export const fieldIdSchema = z.object({ id: idField() });
