import { z } from "zod";
import { idOrNone } from "@/lib/ids";
import { decimalSeparator } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { parseDecimal } from "@/lib/money/money";
import { toUnits } from "./decimal";

/** One row as the editor sends it (row.N.field), parsed; `productId` set means "from the catalogue". */
export type ProductRowForm = {
  productId: number | null;
  name: string;
  price: string | null;
  quantity: string;
  unit: string;
  discountType: "percent" | "absolute";
  discountValue: string;
  taxRate: string | null;
  taxIncluded: boolean;
  sort: number;
};

export const ROWS_MAX = 200;
export const NAME_MAX = 255;

const rowFields = ["productId", "name", "price", "quantity", "unit", "discountType", "discountValue", "taxRate", "taxIncluded", "sort", "remove"] as const;

/** The rows the editor sent: row.0.name, row.0.price… (a row with no name and no product is an unused blank). */
export function rowsFromForm(formData: FormData): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < ROWS_MAX + 10; i++) {
    if (!formData.has(`row.${i}.name`)) continue;
    const row: Record<string, string> = {};
    for (const f of rowFields) {
      const v = formData.get(`row.${i}.${f}`);
      if (typeof v === "string") row[f] = v;
    }
    if (row.remove === "on" || (!row.name?.trim() && !row.productId)) continue;
    rows.push(row);
  }
  return rows;
}

/** One row's schema, in the user's number format; messages say which row. */
export function productRowSchema({ t, locale }: { t: Translate; locale: Locale }) {
  const sep = decimalSeparator(locale) as "." | ",";
  const decimal = (max: number, message: string) =>
    z
      .string()
      .optional()
      .transform((v, context) => {
        if (!v?.trim()) return null;
        const parsed = parseDecimal(v, sep, max);
        if (!parsed.ok) {
          context.addIssue({ code: "custom", message });
          return z.NEVER;
        }
        return parsed.amount;
      });
  return z
    .object({
      productId: idOrNone,
      name: z.string().trim().max(NAME_MAX, t("errors.tooLong", { max: NAME_MAX })).default(""),
      price: decimal(4, t("products.badPrice")),
      quantity: decimal(4, t("products.badQuantity")),
      unit: z.string().trim().max(20, t("errors.tooLong", { max: 20 })).default(""),
      discountType: z.enum(["percent", "absolute"]).default("percent"),
      discountValue: decimal(4, t("products.badDiscount")),
      taxRate: decimal(2, t("products.badTaxRate")),
      taxIncluded: z
        .string()
        .optional()
        .transform((v) => v === "on" || v === "1"),
      sort: z
        .string()
        .optional()
        .transform((v) => (v && /^\d{1,6}$/.test(v) ? Number(v) : 0)),
    })
    .transform((row, context): ProductRowForm => {
      // A negative number cannot be typed (the parser reads digits only); zero or none is not a quantity.
      if (row.quantity === null || toUnits(row.quantity) <= 0n) context.addIssue({ code: "custom", path: ["quantity"], message: t("products.badQuantity") });
      if (row.discountType === "percent" && row.discountValue !== null && toUnits(row.discountValue) > toUnits("100")) {
        context.addIssue({ code: "custom", path: ["discountValue"], message: t("products.discountOver100") });
      }
      if (row.discountType === "absolute" && row.discountValue !== null && row.price !== null && toUnits(row.discountValue) > toUnits(row.price)) {
        context.addIssue({ code: "custom", path: ["discountValue"], message: t("products.discountOverPrice") });
      }
      if (row.taxRate !== null && toUnits(row.taxRate) > toUnits("100")) context.addIssue({ code: "custom", path: ["taxRate"], message: t("products.badTaxRate") });
      if (!row.name && row.productId === null) context.addIssue({ code: "custom", path: ["name"], message: t("errors.required") });
      return { ...row, quantity: row.quantity ?? "1", discountValue: row.discountValue ?? "0" };
    });
}
