import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { products } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { decimalSeparator } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { currencies, parseDecimal } from "@/lib/money/money";
import { optionalIdField } from "@/lib/ids";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import { assertSectionOfOrg } from "./sections";

export type Product = typeof products.$inferSelect;

/** The org's catalogue, by name; `activeOnly` for pickers. */
export async function getProducts(db: Db, orgId: number, { activeOnly = false } = {}): Promise<Product[]> {
  return db
    .select()
    .from(products)
    .where(and(eq(products.orgId, orgId), activeOnly ? eq(products.active, true) : undefined))
    .orderBy(asc(products.name), asc(products.id));
}

export type ProductInput = { name: string; sku: string | null; price: string; currency: (typeof currencies)[number]; unit: string; taxRate: string | null; active: boolean; sectionId: number | null };

export function productSchema({ t, locale }: { t: Translate; locale: Locale }) {
  const sep = decimalSeparator(locale) as "." | ",";
  return z.object({
    name: z.string().trim().min(1, t("errors.required")).max(255, t("errors.tooLong", { max: 255 })),
    sku: z
      .string()
      .trim()
      .max(64, t("errors.tooLong", { max: 64 }))
      .optional()
      .transform((v) => v || null),
    price: z.string().transform((v, context) => {
      const parsed = parseDecimal(v, sep, 2);
      if (!parsed.ok) {
        context.addIssue({ code: "custom", message: t("products.badPrice") });
        return z.NEVER;
      }
      return parsed.amount;
    }),
    currency: z.enum(currencies, { error: t("errors.unknownOption") }),
    unit: z.string().trim().min(1, t("errors.required")).max(20, t("errors.tooLong", { max: 20 })),
    taxRate: z
      .string()
      .optional()
      .transform((v, context) => {
        if (!v?.trim()) return null;
        const parsed = parseDecimal(v, sep, 2);
        if (!parsed.ok || Number(parsed.amount) > 100) {
          context.addIssue({ code: "custom", message: t("products.badTaxRate") });
          return z.NEVER;
        }
        return parsed.amount;
      }),
    active: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "1"),
    sectionId: optionalIdField(t("errors.unknownOption")),
  });
}

export async function createProduct(db: Db, viewer: Viewer, input: ProductInput): Promise<number> {
  requireSetUp(viewer);
  await assertSectionOfOrg(db, viewer, input.sectionId);
  const [row] = await db.insert(products).values({ ...input, orgId: viewer.orgId }).returning({ id: products.id });
  return row!.id;
}

/** A product in use stays in deals as it was (rows keep their own name and price); deactivating hides it from pickers. */
export async function updateProduct(db: Db, viewer: Viewer, id: number, input: ProductInput): Promise<void> {
  requireSetUp(viewer);
  await assertSectionOfOrg(db, viewer, input.sectionId);
  const updated = await db.update(products).set(input).where(and(eq(products.orgId, viewer.orgId), eq(products.id, id))).returning({ id: products.id });
  if (updated.length === 0) throw new ActionError("notFound", "errors.notFound");
}
