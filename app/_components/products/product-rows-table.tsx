import { formatMoney } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { isCurrency, normalizeAmount } from "@/lib/money/money";
import { dealTotals, rowTotals, type ProductRowInput } from "@/lib/products/totals";

type Row = Omit<ProductRowInput, "price"> & { id: number; name: string; unit: string; price: string | null };

/**
 * The deal's product rows with each row's total and the deal's net, tax and gross, computed
 * exactly per currency. `amount` (the deal's, when typed by hand): shown when it differs from the
 * rows' total, so a stale amount does not go unnoticed.
 */
export function ProductRowsTable({ rows, currency: code, hidden, t, locale, amount = null }: { rows: Row[]; currency: string; hidden: boolean; t: Translate; locale: Locale; amount?: string | null }) {
  if (rows.length === 0) return <p className="muted">{t("deals.noProducts")}</p>;
  const currency = isCurrency(code) ? code : "VND";
  const money = (v: string) => (hidden ? t("common.hidden") : formatMoney(v, currency, locale));
  const priced = rows.map((r) => ({ ...r, price: r.price ?? "0" }));
  const totals = dealTotals(priced, currency);
  const differs = !hidden && amount !== null && normalizeAmount(amount) !== normalizeAmount(totals.gross);
  return (
    <div className="table-scroll" tabIndex={0}>
      {differs && (
        <p className="alert warning" role="status" data-testid="amount-differs">
          {t("products.amountDiffers", { amount: money(amount), total: money(totals.gross) })}
        </p>
      )}
      <table className="product-rows" data-testid="product-rows">
        <thead>
          <tr>
            <th scope="col">{t("deals.fields.product")}</th>
            <th scope="col" className="num">
              {t("products.price")}
            </th>
            <th scope="col" className="num">
              {t("products.quantity")}
            </th>
            <th scope="col" className="num">
              {t("products.discount")}
            </th>
            <th scope="col" className="num">
              {t("products.tax")}
            </th>
            <th scope="col" className="num">
              {t("products.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {priced.map((r) => {
            const line = rowTotals(r, currency);
            const discount = normalizeAmount(r.discountValue);
            return (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td className="num">{money(r.price)}</td>
                <td className="num">
                  {Number(r.quantity).toLocaleString(locale === "vi" ? "vi-VN" : "en-US")} {r.unit}
                </td>
                <td className="num">{discount === "0" ? "—" : r.discountType === "percent" ? `${discount}%` : money(discount)}</td>
                <td className="num">
                  {r.taxRate === null ? "—" : `${normalizeAmount(r.taxRate)}%${r.taxIncluded ? ` (${t("products.taxIncluded").toLowerCase()})` : ""}`}
                </td>
                <td className="num">{money(line.gross)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {(["net", "tax", "gross"] as const).map((kind) => (
            <tr key={kind}>
              <th scope="row" colSpan={5} className="num">
                {t(`products.${kind}`)}
              </th>
              <td className="num" data-testid={`total-${kind}`}>
                {kind === "gross" ? <strong>{money(totals[kind])}</strong> : money(totals[kind])}
              </td>
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}
