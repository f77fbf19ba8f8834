import { bestProducts } from "@/lib/analytics/products";
import { reportExportRoute } from "@/lib/analytics/report-export";

export const dynamic = "force-dynamic";

/** The best-selling products of the page's filters as CSV or Excel. */
export const GET = reportExportRoute("products", async (db, viewer, report, t) => {
  const { rows } = await bestProducts(db, viewer, report);
  const currency = viewer.org.baseCurrency;
  return {
    sheet: t("analytics.products.title"),
    header: [t("analytics.products.product"), t("analytics.products.section"), t("analytics.products.deals"), t("analytics.products.quantity"), t("analytics.products.revenue", { currency })],
    rows: rows.map((r) => [r.productId === null ? t("analytics.products.notInCatalogue", { name: r.name }) : r.name, r.section ?? "", r.deals, r.quantity, r.revenue]),
    numeric: [2, 3, 4],
  };
});
