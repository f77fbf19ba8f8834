import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { currencyRates, dealEvents, dealProducts, deals, orgs, products } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { isCurrency, minorUnits, normalizeAmount, type Currency } from "@/lib/money/money";
import { amountsHidden, can, type Viewer } from "@/lib/permissions";
import { lockDeal, lockDealForUpdate, patchDeal, refuseStale } from "@/lib/deals/service";
import { divideRounded, fromUnits, multiply, roundTo, toUnits } from "./decimal";
import { getProducts } from "./catalogue";
import type { ProductRowForm } from "./row-form";
import { dealTotals, storedPrice } from "./totals";

/** How a row reads in the history: "Name × quantity unit". */
const summary = (rows: { name: string; quantity: string; unit: string }[]) => rows.map((r) => `${r.name} × ${normalizeAmount(r.quantity)} ${r.unit}`.trim());

/** A catalogue price in the deal's currency, through the org's rates (units of the base currency per unit). */
async function converter(db: Db, orgId: number, to: Currency) {
  const [org] = await db.select({ base: orgs.baseCurrency }).from(orgs).where(eq(orgs.id, orgId));
  const rates = new Map((await db.select().from(currencyRates).where(eq(currencyRates.orgId, orgId))).map((r) => [r.currency.trim(), toUnits(r.rate)]));
  const rate = (currency: string) => (currency === org?.base.trim() ? toUnits("1") : (rates.get(currency) ?? null));
  return (price: string, from: string): string | null => {
    if (from.trim() === to) return price;
    const [a, b] = [rate(from.trim()), rate(to)];
    if (a === null || b === null || b === 0n) return null;
    return fromUnits(roundTo(divideRounded(multiply(toUnits(price), a) * toUnits("1"), b), 4), 4);
  };
}

/** The active catalogue with each price in the deal's currency (null where a rate is missing): what the editor fills a row with. */
export async function catalogueIn(db: Db, orgId: number, currency: Currency) {
  const [catalogue, convert] = await Promise.all([getProducts(db, orgId, { activeOnly: true }), converter(db, orgId, currency)]);
  return catalogue.map((p) => ({ id: p.id, name: p.name, price: convert(p.price, p.currency), unit: p.unit, taxRate: p.taxRate }));
}

/**
 * Replaces a deal's product rows (the editor sends them all, in order). A row picked from the
 * catalogue takes its name, price (converted to the deal's currency), unit and tax rate unless
 * typed. The change is one history entry; when the amount follows the products it becomes the
 * rows' gross total, through the deal service (so stage requirements and history apply).
 */
export async function saveProductRows(db: Db, viewer: Viewer, dealId: number, version: number, rows: ProductRowForm[], follow: boolean): Promise<void> {
  const deal = await lockDealForUpdate(db, viewer, dealId);
  if (deal.version !== version) await refuseStale(db, deal);
  if (amountsHidden(viewer, deal.pipelineId)) throw new ActionError("forbidden", "products.pricesHidden");
  const currency: Currency = isCurrency(deal.currency) ? deal.currency : "VND";
  const ids = [...new Set(rows.map((r) => r.productId).filter((id): id is number => id !== null))];
  const catalogue = ids.length ? await db.select().from(products).where(and(eq(products.orgId, viewer.orgId), inArray(products.id, ids))) : [];
  if (catalogue.length !== ids.length) throw new ActionError("invalid", "errors.unknownOption");
  const convert = await converter(db, viewer.orgId, currency);
  // The editor's sort numbers order the rows (ties keep the form's order); stored as 10, 20, 30…
  const ordered = rows.map((row, i) => ({ row, i })).sort((a, b) => a.row.sort - b.row.sort || a.i - b.i).map((x) => x.row);
  const resolved = ordered.map((row, i) => {
    const product = catalogue.find((p) => p.id === row.productId);
    let price = row.price;
    if (price === null && product) {
      price = convert(product.price, product.currency);
      if (price === null) throw new ActionError("invalid", "products.noRate", { currency: product.currency.trim() });
    }
    return {
      orgId: viewer.orgId,
      dealId,
      productId: product?.id ?? null,
      name: row.name || product?.name || "",
      price: storedPrice(price ?? "0", currency),
      quantity: row.quantity,
      unit: row.unit || product?.unit || "pcs",
      discountType: row.discountType,
      discountValue: row.discountValue,
      taxRate: row.taxRate ?? (row.productId !== null ? (product?.taxRate ?? null) : null),
      taxIncluded: row.taxIncluded,
      sort: (i + 1) * 10,
    };
  });
  const before = await db.select().from(dealProducts).where(eq(dealProducts.dealId, dealId)).orderBy(asc(dealProducts.sort));
  await db.delete(dealProducts).where(eq(dealProducts.dealId, dealId));
  if (resolved.length) await db.insert(dealProducts).values(resolved);
  const [oldText, newText] = [summary(before), summary(resolved)];
  const fingerprint = (list: (typeof before)[number][] | typeof resolved) =>
    JSON.stringify(list.map((b) => [b.productId, b.name, normalizeAmount(b.price), normalizeAmount(b.quantity), b.unit, b.discountType, normalizeAmount(b.discountValue), b.taxRate && normalizeAmount(b.taxRate), b.taxIncluded]));
  const rowsChanged = fingerprint(before) !== fingerprint(resolved);
  if (rowsChanged) await db.insert(dealEvents).values({ orgId: viewer.orgId, dealId, kind: "updated", changes: [{ field: "products", old: oldText, new: newText }], userId: viewer.id });
  await db.update(deals).set({ isManualAmount: !follow, ...(rowsChanged ? { updatedAt: new Date(), modifiedById: viewer.id, version: deal.version + 1 } : {}) }).where(eq(deals.id, dealId));
  if (follow) {
    const totals = dealTotals(resolved.map((r) => ({ ...r, taxRate: r.taxRate })), currency);
    if (normalizeAmount(deal.amount) !== normalizeAmount(totals.gross)) await patchDeal(db, viewer, dealId, { amount: totals.gross });
  }
}

/**
 * "Copy deal": the source's product rows onto the new deal (the viewer must be able to read the
 * source and change the copy). The copy's amount is what its form said; the rows come as they were.
 */
export async function copyProductRows(db: Db, viewer: Viewer, fromId: number, toId: number): Promise<void> {
  const source = await lockDeal(db, viewer, fromId).catch(() => null);
  if (!source || amountsHidden(viewer, source.pipelineId)) return;
  const target = await lockDeal(db, viewer, toId);
  if (!can(viewer, "UPDATE", target)) return;
  const rows = await db.select().from(dealProducts).where(eq(dealProducts.dealId, fromId)).orderBy(asc(dealProducts.sort));
  if (rows.length === 0) return;
  await db.insert(dealProducts).values(rows.map(({ id: _id, ...row }) => (void _id, { ...row, dealId: toId })));
  await db.update(deals).set({ isManualAmount: source.isManualAmount }).where(eq(deals.id, toId));
  await db.insert(dealEvents).values({ orgId: viewer.orgId, dealId: toId, kind: "updated", changes: [{ field: "products", old: [], new: summary(rows) }], userId: viewer.id });
}
