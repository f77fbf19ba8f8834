import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadDealCardPage } from "@/lib/deals/card-page";
import { decimalSeparator } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { amountForInput, isCurrency } from "@/lib/money/money";
import { catalogueIn } from "@/lib/products/rows";
import { ROWS_MAX } from "@/lib/products/row-form";
import { saveProductRowsAction } from "@/lib/products/actions";
import { can } from "@/lib/permissions";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { ProductRowsEditor, type EditorRow } from "@/app/_components/products/product-rows-editor";

export const generateMetadata = titled("titles.products");

const BLANK_ROWS = 3;

/**
 * The deal's product rows as one form: each row's product or name, price, quantity, unit,
 * discount, tax, an order number and "remove", and three blank rows to add (the editor adds
 * more in place, with running totals, when JavaScript runs).
 */
export default async function DealProductsPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer, db, id, card } = await loadDealCardPage((await params).id);
  if (!can(viewer, "UPDATE", { ...card.deal, observerIds: card.observers.map((o) => o.id) }) || card.amountHidden) notFound();
  const { t, locale } = await getI18n();
  const sep = decimalSeparator(locale) as "." | ",";
  const { deal } = card;
  const currency = isCurrency(deal.currency) ? deal.currency : "VND";
  const catalogue = await catalogueIn(db, viewer.orgId, currency);
  const rows: EditorRow[] = card.products.map((p, i) => ({
    productId: p.productId,
    name: p.name,
    price: p.price === null ? "" : amountForInput(p.price, sep),
    quantity: amountForInput(p.quantity, sep),
    unit: p.unit,
    discountType: p.discountType,
    discountValue: amountForInput(p.discountValue, sep),
    taxRate: p.taxRate === null ? "" : amountForInput(p.taxRate, sep),
    taxIncluded: p.taxIncluded,
    sort: (i + 1) * 10,
  }));
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
        <ProductRowsEditor rows={rows} blankRows={BLANK_ROWS} maxRows={ROWS_MAX} catalogue={catalogue} currency={currency} locale={locale} separator={sep} />
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
