import type { documentRows, myCompanies } from "@/db/schema";
import type { DocumentRow } from "@/lib/documents/access";
import { amountInWords } from "@/lib/documents/amount-in-words";
import { documentTotals } from "@/lib/documents/totals";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { isCurrency, normalizeAmount } from "@/lib/money/money";

type Props = {
  document: DocumentRow;
  rows: (typeof documentRows.$inferSelect)[];
  seller: typeof myCompanies.$inferSelect | null;
  t: Translate;
  locale: Locale;
};

/** What a quote or an invoice says: seller and buyer, rows, totals per tax rate, the amount in words. */
export function DocumentBody({ document, rows, seller, t, locale }: Props) {
  const currency = isCurrency(document.currency) ? document.currency : "VND";
  const money = (v: string) => formatMoney(v, currency, locale);
  const totals = documentTotals(rows, currency);
  const number = (v: string) => Number(v).toLocaleString(locale === "vi" ? "vi-VN" : "en-US");
  return (
    <>
      <div className="card-columns">
        <section className="card-section" aria-labelledby="seller-title">
          <h2 id="seller-title">{t("documents.seller")}</h2>
          {seller ? (
            <>
              <p>
                <strong>{seller.legalName}</strong>
              </p>
              {seller.taxCode && <p>{`${t("documents.taxCode")}: ${seller.taxCode}`}</p>}
              {seller.address && <p>{seller.address}</p>}
              {seller.bankAccounts.map((b, i) => (
                <p key={i}>{`${t("documents.bank")}: ${b.account} — ${b.bank}`}</p>
              ))}
            </>
          ) : (
            <p className="muted">{t("documents.noSeller")}</p>
          )}
        </section>
        <section className="card-section" aria-labelledby="buyer-title">
          <h2 id="buyer-title">{t("documents.buyer")}</h2>
          <p data-testid="buyer-name">
            <strong>{document.buyerName}</strong>
          </p>
          {document.buyerTaxCode && <p>{`${t("documents.taxCode")}: ${document.buyerTaxCode}`}</p>}
          {document.buyerAddress && <p>{document.buyerAddress}</p>}
          {document.buyerEmail && <p>{document.buyerEmail}</p>}
        </section>
      </div>
      {document.content && <p className="pre">{document.content}</p>}
      <div className="table-scroll" tabIndex={0}>
        <table className="product-rows" data-testid="document-rows">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("documents.product")}</th>
              <th scope="col">{t("documents.unit")}</th>
              <th scope="col" className="num">{t("documents.quantity")}</th>
              <th scope="col" className="num">{t("documents.price")}</th>
              <th scope="col" className="num">{t("documents.discount")}</th>
              <th scope="col" className="num">{t("documents.taxRate")}</th>
              <th scope="col" className="num">{t("documents.gross")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const discount = normalizeAmount(r.discountValue);
              return (
                <tr key={r.sort}>
                  <td>{i + 1}</td>
                  <td>{r.name}</td>
                  <td>{r.unit}</td>
                  <td className="num">{number(r.quantity)}</td>
                  <td className="num">{money(r.price)}</td>
                  <td className="num">{discount === "0" ? "—" : r.discountType === "percent" ? `${discount}%` : money(discount)}</td>
                  <td className="num">{r.taxRate === null ? t("documents.noTax") : `${normalizeAmount(r.taxRate)}%`}</td>
                  <td className="num">{money(r.gross)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            {totals.byRate.map((g) => (
              <tr key={g.taxRate ?? "none"} className="muted">
                <td colSpan={5}>{`${t("documents.taxSummary")}: ${g.taxRate === null ? t("documents.noTax") : `${g.taxRate}%`}`}</td>
                <td className="num">{money(g.net)}</td>
                <td className="num">{money(g.tax)}</td>
                <td className="num">{money(g.gross)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={7}>{t("documents.net")}</th>
              <td className="num" data-testid="total-net">{money(document.net)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={7}>{t("documents.tax")}</th>
              <td className="num" data-testid="total-tax">{money(document.tax)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={7}>{t("documents.gross")}</th>
              <td className="num amount" data-testid="total-gross">{money(document.gross)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p data-testid="amount-in-words">
        <strong>{t("documents.amountInWords")}:</strong> {amountInWords(document.gross, currency, locale)}
      </p>
      {document.terms && (
        <section aria-label={t("documents.terms")}>
          <h2>{t("documents.terms")}</h2>
          <p className="pre">{document.terms}</p>
        </section>
      )}
      <p className="muted small">{`${t("documents.issuedOn")}: ${formatDate(document.issuedOn, locale)}`}</p>
    </>
  );
}
