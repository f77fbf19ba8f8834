"use client";

import { useState, useSyncExternalStore } from "react";
import { formatMoney } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/translate";
import { amountForInput, parseDecimal, type Currency } from "@/lib/money/money";
import { dealTotals, rowTotals, storedPrice, type ProductRowInput } from "@/lib/products/totals";

/** A row as its inputs hold it: strings in the user's number format. */
export type EditorRow = {
  productId: number | null;
  name: string;
  price: string;
  quantity: string;
  unit: string;
  discountType: "percent" | "absolute";
  discountValue: string;
  taxRate: string;
  taxIncluded: boolean;
  sort: number;
};
/** A catalogue product as a row takes it: the price already in the deal's currency (null without a rate). */
export type CatalogueItem = { id: number; name: string; price: string | null; unit: string; taxRate: string | null };

type Props = { rows: EditorRow[]; blankRows: number; maxRows: number; catalogue: CatalogueItem[]; currency: Currency; locale: Locale; separator: "." | "," };

const blank = (sort: number): EditorRow => ({ productId: null, name: "", price: "", quantity: "1", unit: "", discountType: "percent", discountValue: "0", taxRate: "", taxIncluded: false, sort });
const noSubscription = () => () => {};

/**
 * The product rows' inputs. Without JavaScript it is the plain form it renders on the server
 * (blank rows to fill, a Remove checkbox); with it, a catalogue product fills its price, unit and
 * tax at once, rows are added and removed in place, and each row's and the deal's totals follow
 * the typing, computed by the server's own arithmetic (lib/products/totals.ts). What is saved is
 * what the server computes from the submitted rows.
 */
export function ProductRowsEditor({ rows: initial, blankRows, maxRows, catalogue, currency, locale, separator }: Props) {
  const t = translator(locale);
  const interactive = useSyncExternalStore(noSubscription, () => true, () => false);
  const [rows, setRows] = useState(() => [...initial, ...Array.from({ length: blankRows }, (_, k) => blank((initial.length + k + 1) * 10))].map((row, i) => ({ ...row, key: i })));
  const [nextKey, setNextKey] = useState(rows.length);
  const update = (key: number, changes: Partial<EditorRow>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  const forInput = (value: string | null) => (value === null ? "" : amountForInput(value, separator));
  const pick = (key: number, productId: number | null) => {
    const product = catalogue.find((p) => p.id === productId);
    if (!product) return update(key, { productId: null });
    update(key, { productId, name: product.name, price: forInput(product.price), unit: product.unit, taxRate: forInput(product.taxRate) });
  };

  // A row's figures as the server would read them; null when a figure is not a number yet.
  const number = (value: string, max: number) => (value.trim() ? (parseDecimal(value, separator, max) as { ok: boolean; amount?: string }) : { ok: true, amount: undefined });
  const computable = (row: EditorRow): ProductRowInput | null => {
    const [price, quantity, discount, tax] = [number(row.price, 4), number(row.quantity, 4), number(row.discountValue, 4), number(row.taxRate, 2)];
    const catalogued = catalogue.find((p) => p.id === row.productId)?.price ?? null;
    const priceValue = price.amount ?? catalogued;
    if (!price.ok || !quantity.ok || !discount.ok || !tax.ok || priceValue === null || !quantity.amount) return null;
    return { price: storedPrice(priceValue, currency), quantity: quantity.amount, discountType: row.discountType, discountValue: discount.amount ?? "0", taxRate: tax.amount ?? null, taxIncluded: row.taxIncluded };
  };
  const used = rows.filter((r) => r.name.trim() || r.productId !== null);
  const figures = used.map(computable);
  const complete = figures.every((f): f is ProductRowInput => f !== null);
  const totals = complete ? dealTotals(figures, currency) : null;
  const money = (amount: string | null | undefined) => (amount == null ? "—" : formatMoney(amount, currency, locale));

  return (
    <>
      <div className="table-scroll" tabIndex={0}>
        <table className="product-editor">
          <thead>
            <tr>
              <th scope="col">{t("products.sort")}</th>
              <th scope="col">{t("products.fromCatalogue")}</th>
              <th scope="col">{t("products.name")}</th>
              <th scope="col">{t("products.price")}</th>
              <th scope="col">{t("products.quantity")}</th>
              <th scope="col">{t("products.unit")}</th>
              <th scope="col">{t("products.discount")}</th>
              <th scope="col">{t("products.taxRate")}</th>
              <th scope="col">{t("products.taxIncluded")}</th>
              <th scope="col" className="num">
                {t("products.total")}
              </th>
              <th scope="col">{t("products.remove")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const n = `row.${i}`;
              const label = (what: string) => `${t("products.row", { n: i + 1 })}: ${what}`;
              const inUse = Boolean(r.name.trim() || r.productId !== null);
              const figure = inUse ? computable(r) : null;
              return (
                <tr key={r.key} data-testid="product-row">
                  <td data-label={t("products.sort")}>
                    <input name={`${n}.sort`} value={r.sort} onChange={(e) => update(r.key, { sort: Number(e.target.value.replace(/\D/g, "").slice(0, 6)) })} inputMode="numeric" size={3} aria-label={label(t("products.sort"))} />
                  </td>
                  <td data-label={t("products.fromCatalogue")}>
                    <select name={`${n}.productId`} value={r.productId ?? ""} onChange={(e) => pick(r.key, e.target.value ? Number(e.target.value) : null)} aria-label={label(t("products.fromCatalogue"))}>
                      <option value="">{t("products.freeRow")}</option>
                      {catalogue.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label={t("products.name")}>
                    <input name={`${n}.name`} value={r.name} onChange={(e) => update(r.key, { name: e.target.value })} maxLength={255} aria-label={label(t("products.name"))} />
                  </td>
                  <td data-label={t("products.price")}>
                    <input name={`${n}.price`} value={r.price} onChange={(e) => update(r.key, { price: e.target.value })} inputMode="decimal" size={11} aria-label={label(t("products.price"))} />
                  </td>
                  <td data-label={t("products.quantity")}>
                    <input name={`${n}.quantity`} value={r.quantity} onChange={(e) => update(r.key, { quantity: e.target.value })} inputMode="decimal" size={5} aria-label={label(t("products.quantity"))} />
                  </td>
                  <td data-label={t("products.unit")}>
                    <input name={`${n}.unit`} value={r.unit} onChange={(e) => update(r.key, { unit: e.target.value })} maxLength={20} size={4} aria-label={label(t("products.unit"))} />
                  </td>
                  <td className="discount" data-label={t("products.discount")}>
                    <input name={`${n}.discountValue`} value={r.discountValue} onChange={(e) => update(r.key, { discountValue: e.target.value })} inputMode="decimal" size={7} aria-label={label(t("products.discount"))} />
                    <select name={`${n}.discountType`} value={r.discountType} onChange={(e) => update(r.key, { discountType: e.target.value === "absolute" ? "absolute" : "percent" })} aria-label={label(t("products.discountType"))}>
                      <option value="percent">{t("products.percent")}</option>
                      <option value="absolute">{t("products.absolute")}</option>
                    </select>
                  </td>
                  <td data-label={t("products.taxRate")}>
                    <input name={`${n}.taxRate`} value={r.taxRate} onChange={(e) => update(r.key, { taxRate: e.target.value })} inputMode="decimal" size={4} aria-label={label(t("products.taxRate"))} />
                  </td>
                  <td data-label={t("products.taxIncluded")}>
                    <input type="checkbox" name={`${n}.taxIncluded`} checked={r.taxIncluded} onChange={(e) => update(r.key, { taxIncluded: e.target.checked })} aria-label={label(t("products.taxIncluded"))} />
                  </td>
                  <td className="num" data-label={t("products.total")} data-testid="row-total">
                    {inUse ? money(figure && rowTotals(figure, currency).gross) : ""}
                  </td>
                  <td>
                    {interactive ? (
                      <button type="button" className="link-button danger-text" onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))} aria-label={label(t("products.remove"))}>
                        {t("products.remove")}
                      </button>
                    ) : (
                      <label>
                        <input type="checkbox" name={`${n}.remove`} aria-label={label(t("products.remove"))} />
                      </label>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {interactive && rows.length < maxRows && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setRows((all) => [...all, { ...blank((Math.max(0, ...all.map((r) => r.sort)) || 0) + 10), key: nextKey }]);
              setNextKey((k) => k + 1);
            }}
          >
            {t("products.addRow")}
          </button>
        </p>
      )}
      <dl className="kv product-totals" aria-live="polite" data-testid="editor-totals">
        <dt>{t("products.net")}</dt>
        <dd data-testid="editor-net">{money(totals?.net)}</dd>
        <dt>{t("products.tax")}</dt>
        <dd data-testid="editor-tax">{money(totals?.tax)}</dd>
        <dt>{t("products.gross")}</dt>
        <dd data-testid="editor-gross">{money(totals?.gross)}</dd>
      </dl>
      {!complete && <p className="muted">{t("products.totalsPending")}</p>}
    </>
  );
}
