import { z } from "zod";
import { documentKinds, invoiceStatuses, paymentMethods, quoteStatuses, type DocumentStatus } from "@/db/schema/documents";
import { idField, optionalIdField } from "@/lib/ids";
import { isIsoDate } from "@/lib/deals/form-schema";
import { TEXT_MAX, TITLE_MAX } from "@/lib/deals/vocabulary";
import { decimalSeparator, numberExample } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { parseDecimal } from "@/lib/money/money";
import { checkTaxCode } from "./tax-code";

type I18n = { t: Translate; locale: Locale };

const text = (max: number, t: Translate) => z.string().optional().default("").transform((v) => v.trim()).refine((v) => v.length <= max, t("errors.tooLong", { max }));
const optionalDate = (t: Translate) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .refine((v) => v === null || isIsoDate(v), t("errors.invalidDate"));
const requiredDate = (t: Translate) =>
  z
    .string({ message: t("errors.required") })
    .trim()
    .min(1, t("errors.required"))
    .refine(isIsoDate, t("errors.invalidDate"));

export const createDocumentSchema = ({ t }: I18n) => z.object({ dealId: idField(), kind: z.enum(documentKinds, { message: t("errors.unknownOption") }) });
export const documentRefSchema = () => z.object({ id: idField(), version: optionalIdField() });
export const statusSchema = ({ t }: I18n) =>
  z.object({
    id: idField(),
    version: optionalIdField(),
    status: z
      .string()
      .refine((v) => ([...quoteStatuses, ...invoiceStatuses] as string[]).includes(v) || /^c\d{1,9}$/.test(v), t("errors.unknownOption"))
      .transform((v) => v as DocumentStatus),
  });

export const detailsSchema = ({ t }: I18n) =>
  z.object({
    id: idField(),
    version: idField(),
    issuedOn: requiredDate(t),
    dueOn: optionalDate(t),
    buyerName: text(TITLE_MAX, t).refine((v) => v.length > 0, t("errors.required")),
    buyerTaxCode: text(20, t).superRefine((v, context) => {
      if (!v) return;
      const check = checkTaxCode(v);
      if (!check.ok) context.addIssue({ code: "custom", message: t(check.reason === "format" ? "documents.errors.taxCodeFormat" : "documents.errors.taxCodeChecksum") });
    }),
    buyerAddress: text(TEXT_MAX, t),
    buyerEmail: text(TITLE_MAX, t).refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), t("documents.errors.email")),
    sellerId: optionalIdField(),
    content: text(TEXT_MAX, t),
    terms: text(TEXT_MAX, t),
  });

export const paymentSchema = ({ t, locale }: I18n) =>
  z.object({
    id: idField(),
    paidOn: requiredDate(t),
    amount: z.string().transform((value, context) => {
      const parsed = parseDecimal(value, decimalSeparator(locale) as "." | ",", 2);
      if (!parsed.ok) {
        context.addIssue({ code: "custom", message: t(`errors.${parsed.error}`, { example: numberExample(locale), currency: "" }) });
        return z.NEVER;
      }
      return parsed.amount;
    }),
    method: z.enum(paymentMethods, { message: t("errors.unknownOption") }),
    note: text(TEXT_MAX, t),
  });

export const sendSchema = ({ t }: I18n) =>
  z.object({
    id: idField(),
    version: idField(),
    to: z.string().trim().min(1, t("errors.required")).max(TITLE_MAX, t("errors.tooLong", { max: TITLE_MAX })),
    subject: z.string().trim().min(1, t("errors.required")).max(TITLE_MAX, t("errors.tooLong", { max: TITLE_MAX })),
    body: text(TEXT_MAX, t).refine((v) => v.length > 0, t("errors.required")),
    includeLink: z.string().optional().transform((v) => v === "on"),
  });

export const numberingSchema = ({ t }: I18n) => {
  const int = (min: number, max: number) =>
    z
      .string()
      .trim()
      .regex(/^\d+$/, t("errors.invalidNumber", { example: String(min) }))
      .transform(Number)
      .refine((n) => n >= min && n <= max, t("errors.invalidNumber", { example: String(min) }));
  return z.object({
    kind: z.enum(documentKinds, { message: t("errors.unknownOption") }),
    template: z.string().trim().min(1, t("errors.required")).max(60, t("errors.tooLong", { max: 60 })),
    start: int(0, 1_000_000_000),
    step: int(1, 1000),
    padding: int(1, 12),
    reset: z.enum(["never", "yearly", "monthly"], { message: t("errors.unknownOption") }),
  });
};

export const statusSettingsSchema = ({ t }: I18n) =>
  z.object({
    id: optionalIdField(),
    kind: z.enum(documentKinds, { message: t("errors.unknownOption") }),
    name: z.string().trim().min(1, t("errors.required")).max(60, t("errors.tooLong", { max: 60 })),
    semantics: z.enum(["P", "F"], { message: t("errors.unknownOption") }),
    sort: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, t("errors.invalidNumber", { example: "100" }))
      .transform(Number),
    color: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, t("errors.unknownOption")),
  });
