import { z } from "zod";
import { parseAmount, currencies } from "@/lib/money/money";
import { decimalSeparator, numberExample } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { dealSources, dealTypes, TEXT_MAX, TITLE_MAX } from "./vocabulary";

/** The parsed deal form: what create and update write. */
export type DealInput = {
  title: string | null;
  stageId: number;
  amount: string;
  currency: (typeof currencies)[number];
  probability: number | null;
  assignedById: number | null;
  companyId: number | null;
  contactIds: number[];
  beginDate: string | null;
  closeDate: string | null;
  opened: boolean;
  sourceId: string | null;
  sourceDescription: string | null;
  typeId: string | null;
  comments: string | null;
};

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Builds the deal form's schema in the user's language and number format. */
export function dealFormSchema({ t, locale }: { t: Translate; locale: Locale }) {
  return dealSchema({ t, locale }, {});
}

/** Update carries the deal and the version the user saw, so a stale edit is refused. */
export function dealUpdateSchema(i18n: { t: Translate; locale: Locale }) {
  const positive = z.coerce.number().int().positive();
  return dealSchema(i18n, { id: positive, version: positive });
}

function dealSchema<E extends z.ZodRawShape>({ t, locale }: { t: Translate; locale: Locale }, identity: E) {
  const emptyToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  const text = (max: number) =>
    z
      .string()
      .optional()
      .transform(emptyToNull)
      .refine((v) => v === null || v.length <= max, t("errors.tooLong", { max }));
  const id = (required: boolean) =>
    z
      .string()
      .optional()
      .transform((value, context) => {
        if (!value?.trim()) {
          if (required) context.addIssue({ code: "custom", message: t("errors.required") });
          return null;
        }
        const n = Number(value);
        if (!Number.isSafeInteger(n) || n <= 0) {
          context.addIssue({ code: "custom", message: t("errors.unknownOption") });
          return z.NEVER;
        }
        return n;
      });
  const date = z
    .string()
    .optional()
    .transform(emptyToNull)
    .refine((v) => v === null || isIsoDate(v), t("errors.invalidDate"));
  const oneOf = (options: readonly string[]) =>
    z
      .string()
      .optional()
      .transform(emptyToNull)
      .refine((v) => v === null || options.includes(v), t("errors.unknownOption"));

  return z
    .object({
      ...identity,
      title: text(TITLE_MAX),
      stageId: id(true),
      amount: z.string().optional().default(""),
      currency: z.enum(currencies, { message: t("errors.unknownOption") }),
      probability: z
        .string()
        .optional()
        .transform((value, context) => {
          if (!value?.trim()) return null;
          const n = Number(value);
          if (!Number.isInteger(n) || n < 0 || n > 100) {
            context.addIssue({ code: "custom", message: t("errors.probabilityRange") });
            return z.NEVER;
          }
          return n;
        }),
      assignedById: id(false),
      companyId: id(false),
      contactIds: z.array(z.string()).optional().default([]),
      beginDate: date,
      closeDate: date,
      opened: z.string().optional().transform((v) => v === "on" || v === "true" || v === "1"),
      sourceId: oneOf(dealSources),
      sourceDescription: text(TEXT_MAX),
      typeId: oneOf(dealTypes),
      comments: text(TEXT_MAX),
    })
    .transform((raw, context) => {
      const amount = parseAmount(raw.amount, decimalSeparator(locale) as "." | ",", raw.currency);
      if (!amount.ok) {
        const vars = { example: numberExample(locale), currency: raw.currency };
        context.addIssue({ code: "custom", path: ["amount"], message: t(`errors.${amount.error}`, vars) });
      }
      const contactIds = raw.contactIds.filter((v) => v !== "").map(Number);
      if (contactIds.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
        context.addIssue({ code: "custom", path: ["contactIds"], message: t("errors.unknownOption") });
      }
      if (raw.beginDate && raw.closeDate && raw.closeDate < raw.beginDate) {
        context.addIssue({ code: "custom", path: ["closeDate"], message: t("errors.closeBeforeBegin") });
      }
      return {
        ...raw,
        stageId: raw.stageId as number,
        amount: amount.ok ? amount.amount : "0",
        contactIds: [...new Set(contactIds)],
      };
    });
}

export function dealDeleteSchema() {
  return z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive().optional() });
}
