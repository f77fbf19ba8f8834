import "server-only";
import { and, eq, gte, inArray, lt, not, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { productSections, products, wonDealProducts, wonProductTotals } from "@/db/schema";
import { normalizeAmount } from "@/lib/money/money";
import { matrixScope, observes, pipelineMatrixScope, type Viewer } from "@/lib/permissions";
import { convertedSum, resummed, sumsPerCurrency } from "./currency-sums";
import { splitByMonths, type Period } from "./period";
import { amountHidden, narrowedTo, withinDays } from "./reach";
import type { Report } from "./report";
import { wonStages } from "./revenue";

export type ProductRow = {
  /** The catalogue product; null for rows typed without one (grouped by their name). */
  productId: number | null;
  name: string;
  /** Its section of the catalogue now, if any. */
  section: string | null;
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

const w = wonDealProducts;
const wt = wonProductTotals;

/**
 * The won product rows of the period the viewer may read, one row per deal and product or per
 * month and product: whole months from the monthly totals; from the per-deal rows the days around
 * them, the pipelines where the viewer's rules differ by stage (the totals know no stage), and
 * deals read only as an observer.
 */
function wonProductsSource(viewer: Viewer, report: Report): SQL {
  const { period, filter } = report;
  const timezone = report.context.timezone;
  const rowScope = matrixScope(viewer, "READ", { orgId: w.orgId, stageId: w.stageId, assignedById: w.assignedById, opened: w.opened });
  const wonIn = (span: Period) => and(eq(w.orgId, viewer.orgId), withinDays(w.wonAt, span, timezone))!;
  const fromRows = (...conditions: SQL[]) =>
    sql`select ${w.productKey} as product_key, ${w.nameKey} as name_key, ${w.name} as name, ${w.unit} as unit, 1 as deals, ${w.quantity} as quantity, ${w.gross} as gross, ${w.currency} as currency, ${amountHidden(viewer, w.pipelineId)} as hid
        from ${w} where ${and(...conditions, ...narrowedTo(filter, w.pipelineId, w.assignedById))}`;
  const parts: SQL[] = [];
  const { months, edges } = splitByMonths(period);
  if (months) {
    const { scope, perStage } = pipelineMatrixScope(viewer, "READ", { orgId: wt.orgId, pipelineId: wt.pipelineId, assignedById: wt.assignedById, opened: wt.opened });
    parts.push(sql`select ${wt.productKey} as product_key, ${wt.nameKey} as name_key, ${wt.name} as name, ${wt.unit} as unit, ${wt.deals} as deals, ${wt.quantity} as quantity, ${wt.gross} as gross, ${wt.currency} as currency, ${amountHidden(viewer, wt.pipelineId)} as hid
        from ${wt} where ${and(scope, gte(wt.month, months.from), lt(wt.month, months.to), ...narrowedTo(filter, wt.pipelineId, wt.assignedById))}`);
    if (perStage.length) parts.push(fromRows(wonIn(months), inArray(w.pipelineId, perStage), rowScope));
  }
  for (const edge of edges) parts.push(fromRows(wonIn(edge), rowScope));
  if (!viewer.access.superuser) parts.push(fromRows(wonIn(period), observes(viewer, w.dealId), not(rowScope)));
  return sql.join(parts, sql` union all `);
}

/**
 * The products of the deals won in the period that the viewer may read: per catalogue product (a
 * row typed without one, per its name), the won deals, the quantity and the revenue (with
 * discounts and tax, as the deal's totals count them); the best first (by revenue, or by deals
 * where amounts are hidden), with how many products there were and their revenue all together.
 */
export async function bestProducts(db: Db, viewer: Viewer, report: Report): Promise<{ rows: ProductRow[]; total: number; revenue: string | null }> {
  if (wonStages(report).length === 0 || report.filter.pipelineIds.length === 0) return { rows: [], total: 0, revenue: "0" };
  const { sum, unconverted } = convertedSum("g", report.context);
  const rows = await queryRows<{ product_id: number | null; name: string; section: string | null; unit: string; deals: number; quantity: string; revenue: string; unconverted: boolean; hid: boolean; total: number; all_revenue: string; any_hid: boolean }>(
    db,
    sql`select nullif(g.product_key, 0) as product_id, coalesce(${products.name}, g.name) as name, ${productSections.name} as section, g.unit, g.deals, g.quantity::text as quantity, g.hid,
          ${sum} as revenue, ${unconverted} as unconverted, count(*) over ()::int as total,
          (sum((${sum})::numeric) over ())::text as all_revenue, bool_or(g.hid) over () as any_hid
        from (
          select product_key, name_key, min(name) as name, min(unit) as unit, sum(deals)::int as deals, sum(quantity) as quantity, bool_or(hid) as hid,
            ${sumsPerCurrency(sql`gross`, sql`currency`)}
          from (${wonProductsSource(viewer, report)}) u
          group by 1, 2
          having sum(deals) <> 0
        ) g
        left join ${products} on ${products.orgId} = ${viewer.orgId} and ${products.id} = g.product_key
        left join ${productSections} on ${productSections.orgId} = ${viewer.orgId} and ${productSections.id} = ${products.sectionId}
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
      section: row.section,
      unit: row.unit,
      deals: Number(row.deals),
      quantity: normalizeAmount(row.quantity),
      revenue: row.hid ? null : normalizeAmount(row.revenue),
      unconverted: !row.hid && row.unconverted,
    })),
  };
}

export type SectionRow = {
  /** The catalogue section; null for catalogue products in no section. */
  sectionId: number | null;
  /** Rows typed without a catalogue product, which no section holds. */
  typed: boolean;
  name: string;
  /** Products (or typed names) sold in the period. */
  products: number;
  revenue: string | null;
  unconverted: boolean;
};

/**
 * The same won product rows per section of the catalogue (a product's section now), with the
 * products in no section and the rows typed without a catalogue product apart; the best first.
 */
export async function bestSections(db: Db, viewer: Viewer, report: Report): Promise<SectionRow[]> {
  if (wonStages(report).length === 0 || report.filter.pipelineIds.length === 0) return [];
  const { sum, unconverted } = convertedSum("g", report.context);
  // Per product first: a product whose ledger rows cancel out sold nothing in the period.
  const rows = await queryRows<{ section_key: number; name: string | null; products: number; hid: boolean; revenue: string; unconverted: boolean }>(
    db,
    sql`select g.section_key, ${productSections.name} as name, g.products, g.hid, ${sum} as revenue, ${unconverted} as unconverted
        from (
          select coalesce(${products.sectionId}, case when pg.product_key = 0 then -1 else 0 end) as section_key, count(*)::int as products, bool_or(pg.hid) as hid, ${resummed()}
          from (
            select product_key, name_key, bool_or(hid) as hid, ${sumsPerCurrency(sql`gross`, sql`currency`)}
            from (${wonProductsSource(viewer, report)}) u
            group by 1, 2
            having sum(deals) <> 0
          ) pg
          left join ${products} on ${products.orgId} = ${viewer.orgId} and ${products.id} = pg.product_key
          group by 1
        ) g
        left join ${productSections} on ${productSections.orgId} = ${viewer.orgId} and ${productSections.id} = g.section_key
        order by case when g.hid then 0 else ${sum}::numeric end desc, g.products desc, 2`,
  );
  return rows.map((row) => {
    const key = Number(row.section_key);
    return {
      sectionId: key > 0 ? key : null,
      typed: key === -1,
      name: row.name ?? "",
      products: Number(row.products),
      revenue: row.hid ? null : normalizeAmount(row.revenue),
      unconverted: !row.hid && row.unconverted,
    };
  });
}

/** Folds the monthly totals' delta rows, one per key; a recurring job. Returns how many rows were folded. */
export async function foldWonProductTotals(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select crm_fold_won_product_totals() as folded`);
  return Number(row?.folded ?? 0);
}
