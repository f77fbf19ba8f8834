import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { dealProducts, products } from "@/db/schema";
import { minorUnits, normalizeAmount } from "@/lib/money/money";
import type { Viewer } from "@/lib/permissions";
import { convertedSum, sumsPerCurrency } from "./currency-sums";
import { wonDealsSource } from "./reach";
import type { Report } from "./report";
import { wonStages } from "./revenue";

export type ProductRow = {
  /** The catalogue product; null for rows typed without one (grouped by their name). */
  productId: number | null;
  name: string;
  unit: string;
  /** Won deals with the product. */
  deals: number;
  quantity: string;
  /** With discounts and tax, in the base currency; null where the viewer may not see amounts. */
  revenue: string | null;
  unconverted: boolean;
};

/** How many products the report lists. */
export const PRODUCTS_SHOWN = 50;

const dp = dealProducts;

/**
 * A product row's amount as the deal's totals count it (lib/products/totals.ts): the unit price
 * less its discount, times the quantity, rounded to the currency's minor unit; the tax added on
 * top unless the price includes it.
 */
function rowGross(currency: SQL): SQL {
  const digits = sql`(case ${currency} ${sql.join(
    Object.entries(minorUnits).map(([code, n]) => sql`when ${code} then ${sql.raw(String(n))}`),
    sql` `,
  )} else 2 end)`;
  const unit = sql`(${dp.price} - case ${dp.discountType} when 'percent' then ${dp.price} * ${dp.discountValue} / 100 else ${dp.discountValue} end)`;
  const line = sql`round(${unit} * ${dp.quantity}, ${digits})`;
  return sql`(case when ${dp.taxIncluded} then ${line} else ${line} + round(${line} * coalesce(${dp.taxRate}, 0) / 100, ${digits}) end)`;
}

/**
 * The products of the deals won in the period that the viewer may read: per catalogue product (a
 * row typed without one, per its name), the won deals, the quantity and the revenue; the best
 * first (by revenue, or by deals where amounts are hidden), with how many products there were and
 * their revenue all together.
 */
export async function bestProducts(db: Db, viewer: Viewer, report: Report): Promise<{ rows: ProductRow[]; total: number; revenue: string | null }> {
  const stages = wonStages(report).map((s) => s.id);
  if (stages.length === 0) return { rows: [], total: 0, revenue: "0" };
  const won = wonDealsSource(viewer, report.period, report.filter, stages, report.context.timezone);
  const { sum, unconverted } = convertedSum("g", report.context);
  const rows = await queryRows<{ product_id: number | null; name: string; unit: string; deals: number; quantity: string; revenue: string; unconverted: boolean; hid: boolean; total: number; all_revenue: string; any_hid: boolean }>(
    db,
    sql`select g.product_id, coalesce(${products.name}, g.name) as name, g.unit, g.deals, g.quantity::text as quantity, g.hid,
          ${sum} as revenue, ${unconverted} as unconverted, count(*) over ()::int as total,
          (sum((${sum})::numeric) over ())::text as all_revenue, bool_or(g.hid) over () as any_hid
        from (
          select ${dp.productId} as product_id, case when ${dp.productId} is null then lower(${dp.name}) end as name_key,
            min(${dp.name}) as name, min(${dp.unit}) as unit, count(distinct w.deal_id)::int as deals, sum(${dp.quantity}) as quantity, bool_or(w.hid) as hid,
            ${sumsPerCurrency(rowGross(sql`w.currency`), sql`w.currency`)}
          from (${won}) w join ${dp} on ${dp.orgId} = ${viewer.orgId} and ${dp.dealId} = w.deal_id
          group by 1, 2
        ) g
        left join ${products} on ${products.orgId} = ${viewer.orgId} and ${products.id} = g.product_id
        order by case when g.hid then 0 else ${sum}::numeric end desc, g.deals desc, 2
        limit ${PRODUCTS_SHOWN}`,
  );
  const first = rows[0];
  return {
    total: Number(first?.total ?? 0),
    // Every product's revenue, not only the ones listed: what a share is of.
    revenue: !first ? "0" : first.any_hid ? null : normalizeAmount(first.all_revenue),
    rows: rows.map((row) => ({
      productId: row.product_id === null ? null : Number(row.product_id),
      name: row.name,
      unit: row.unit,
      deals: Number(row.deals),
      quantity: normalizeAmount(row.quantity),
      revenue: row.hid ? null : normalizeAmount(row.revenue),
      unconverted: !row.hid && row.unconverted,
    })),
  };
}
