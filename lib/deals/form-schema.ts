import { z } from "zod";
import { idField, parseId, parseIds } from "@/lib/ids";
import type { StoredValue } from "@/lib/fields/values";
import { parseAmount, currencies } from "@/lib/money/money";
import { decimalSeparator, numberExample } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { dealSources, dealTypes, TEXT_MAX, TITLE_MAX } from "./vocabulary";

/** The parsed deal form: what create and update write. */
export type DealInput = {
  title: string | null;
  stageId: number;
  /** null: not sent (the form hides an amount the viewer may not see); keep what is stored. */
  amount: string | null;
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
  /** Custom field values the form sent (null clears one); fields it did not send stay as they are. */
  custom?: Record<string, StoredValue | null>;
};

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Builds the deal form's schema in the user's language and number format. */
type I18n = { t: Translate; locale: Locale };

/** Each form field's schema; the board's "fill in what the stage requires" form takes a few of them. */
export function dealShape({ t }: I18n) {
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
        const n = parseId(value);
        if (n === null) {
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

  return {
    title: text(TITLE_MAX),
    stageId: id(true),
    amount: z.string().optional(),
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
    opened: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true" || v === "1"),
    sourceId: oneOf(dealSources),
    sourceDescription: text(TEXT_MAX),
    typeId: oneOf(dealTypes),
    comments: text(TEXT_MAX),
  };
}

type RawDeal = z.output<z.ZodObject<ReturnType<typeof dealShape>>>;

/** Checks that need several fields (amount with its currency, dates in order) and the final shape. */
function finishDeal(raw: RawDeal, context: z.RefinementCtx, { t, locale }: I18n): DealInput {
  const amount = raw.amount === undefined ? null : parseAmount(raw.amount, decimalSeparator(locale) as "." | ",", raw.currency);
  if (amount && !amount.ok) {
    const vars = { example: numberExample(locale), currency: raw.currency };
    context.addIssue({ code: "custom", path: ["amount"], message: t(`errors.${amount.error}`, vars) });
  }
  const sent = raw.contactIds.filter((v) => v.trim() !== "");
  const contactIds = parseIds(sent);
  if (contactIds.length !== new Set(sent.map((v) => v.trim())).size) {
    context.addIssue({ code: "custom", path: ["contactIds"], message: t("errors.unknownOption") });
  }
  if (raw.beginDate && raw.closeDate && raw.closeDate < raw.beginDate) {
    context.addIssue({ code: "custom", path: ["closeDate"], message: t("errors.closeBeforeBegin") });
  }
  return {
    title: raw.title,
    stageId: raw.stageId as number,
    amount: amount === null ? null : amount.ok ? amount.amount : "0",
    currency: raw.currency,
    probability: raw.probability,
    assignedById: raw.assignedById,
    companyId: raw.companyId,
    contactIds,
    beginDate: raw.beginDate,
    closeDate: raw.closeDate,
    opened: raw.opened,
    sourceId: raw.sourceId,
    sourceDescription: raw.sourceDescription,
    typeId: raw.typeId,
    comments: raw.comments,
  };
}

/** The deal form's schema, built in the user's language and number format. */
export function dealFormSchema(i18n: I18n) {
  return z.object(dealShape(i18n)).transform((raw, context) => finishDeal(raw, context, i18n));
}

/** Update carries the deal and the version the user saw, so a stale edit is refused. */
export function dealUpdateSchema(i18n: I18n) {
  return z
    .object({ ...dealShape(i18n), id: idField(i18n.t("errors.invalid")), version: idField(i18n.t("errors.invalid")) })
    .transform((raw, context) => ({ id: raw.id, version: raw.version, ...finishDeal(raw, context, i18n) }));
}

export function dealDeleteSchema() {
  return z.object({ id: idField(), version: idField().optional() });
}
