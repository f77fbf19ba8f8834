import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadDealCardPage } from "@/lib/deals/card-page";
import { decimalSeparator } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { amountForInput } from "@/lib/money/money";
import { getProducts } from "@/lib/products/catalogue";
import { saveProductRowsAction } from "@/lib/products/actions";
import { can } from "@/lib/permissions";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";

export const generateMetadata = titled("titles.products");

const BLANK_ROWS = 3;

/**
 * The deal's product rows as one plain form (works without JavaScript): each row's product or
 * name, price, quantity, unit, discount, tax; an order number and "remove"; three blank rows to add.
 */
export default async function DealProductsPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer, db, id, card } = await loadDealCardPage((await params).id);
  if (!can(viewer, "UPDATE", { ...card.deal, observerIds: card.observers.map((o) => o.id) }) || card.amountHidden) notFound();
  const { t, locale } = await getI18n();
  const sep = decimalSeparator(locale) as "." | ",";
  const catalogue = await getProducts(db, viewer.orgId, { activeOnly: true });
  const { deal } = card;
  const rows = [
    ...card.products.map((p, i) => ({ key: `r${p.id}`, i, productId: p.productId, name: p.name, price: p.price === null ? "" : amountForInput(p.price, sep), quantity: amountForInput(p.quantity, sep), unit: p.unit, discountType: p.discountType, discountValue: amountForInput(p.discountValue, sep), taxRate: p.taxRate === null ? "" : amountForInput(p.taxRate, sep), taxIncluded: p.taxIncluded, sort: (i + 1) * 10 })),
    ...Array.from({ length: BLANK_ROWS }, (_, k) => ({ key: `b${k}`, i: card.products.length + k, productId: null, name: "", price: "", quantity: "1", unit: "", discountType: "percent" as const, discountValue: "0", taxRate: "", taxIncluded: false, sort: (card.products.length + k + 1) * 10 })),
  ];
  return (
    <>
      <h1>
        {t("products.editRows")}: {deal.title}
      </h1>
      <ActionForm action={saveProductRowsAction} record={`deal:${id}`} version={formVersion([deal.version, deal.isManualAmount, rows])} label={t("products.rows")} className="product-rows-form">
        <input type="hidden" name="dealId" value={id} />
        <input type="hidden" name="version" value={deal.version} />
        <p className="muted">
          {t("products.blankHint")} ({deal.currency})
        </p>
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
                <th scope="col">{t("products.remove")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const n = `row.${r.i}`;
                const label = (what: string) => `${t("products.row", { n: r.i + 1 })}: ${what}`;
                return (
                  <tr key={r.key} data-testid="product-row">
                    <td>
                      <input name={`${n}.sort`} defaultValue={r.sort} inputMode="numeric" size={3} aria-label={label(t("products.sort"))} />
                    </td>
                    <td>
                      <select name={`${n}.productId`} defaultValue={r.productId ?? ""} aria-label={label(t("products.fromCatalogue"))}>
                        <option value="">{t("products.freeRow")}</option>
                        {catalogue.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input name={`${n}.name`} defaultValue={r.name} maxLength={255} aria-label={label(t("products.name"))} />
                    </td>
                    <td>
                      <input name={`${n}.price`} defaultValue={r.price} inputMode="decimal" size={12} aria-label={label(t("products.price"))} />
                    </td>
                    <td>
                      <input name={`${n}.quantity`} defaultValue={r.quantity} inputMode="decimal" size={6} aria-label={label(t("products.quantity"))} />
                    </td>
                    <td>
                      <input name={`${n}.unit`} defaultValue={r.unit} maxLength={20} size={5} aria-label={label(t("products.unit"))} />
                    </td>
                    <td className="discount">
                      <input name={`${n}.discountValue`} defaultValue={r.discountValue} inputMode="decimal" size={8} aria-label={label(t("products.discount"))} />
                      <select name={`${n}.discountType`} defaultValue={r.discountType} aria-label={label(t("products.discountType"))}>
                        <option value="percent">{t("products.percent")}</option>
                        <option value="absolute">{t("products.absolute")}</option>
                      </select>
                    </td>
                    <td>
                      <input name={`${n}.taxRate`} defaultValue={r.taxRate} inputMode="decimal" size={4} aria-label={label(t("products.taxRate"))} />
                    </td>
                    <td>
                      <input type="checkbox" name={`${n}.taxIncluded`} defaultChecked={r.taxIncluded} aria-label={label(t("products.taxIncluded"))} />
                    </td>
                    <td>
                      <input type="checkbox" name={`${n}.remove`} aria-label={label(t("products.remove"))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <label>
          {/* A deal's first rows make its amount by default: it was typed only because there were none. */}
          <input type="checkbox" name="follow" defaultChecked={!deal.isManualAmount || card.products.length === 0} /> {t("products.follow")}
        </label>
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t("products.saveRows")}
          </button>
          <Link href={`/deals/${id}?tab=products`} className="button">
            {t("common.cancel")}
          </Link>
        </div>
      </ActionForm>
    </>
  );
}
