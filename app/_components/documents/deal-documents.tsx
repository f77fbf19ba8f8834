import Link from "next/link";
import type { Db } from "@/db/client";
import type { DocumentKind } from "@/db/schema";
import { createDocumentAction } from "@/lib/documents/actions";
import { documentsOfDeal } from "@/lib/documents/queries";
import { isLate } from "@/lib/documents/state";
import { customStatuses } from "@/lib/documents/statuses";
import { formatDate, formatMoney, todayIn } from "@/lib/i18n/format";
import { addDecimals } from "@/lib/money/money";
import type { Locale, Translate } from "@/lib/i18n/translate";
import type { Viewer } from "@/lib/permissions";
import { ActionForm } from "@/app/_components/action-form";
import { DocumentStatusBadge } from "./status-badge";

type Props = { db: Db; viewer: Viewer; dealId: number; kind: DocumentKind; mayCreate: boolean; t: Translate; locale: Locale; timeZone: string };

/** The deal card's Quotes or Invoices tab: the deal's documents and, for who may change the deal, "Create". */
export async function DealDocuments({ db, viewer, dealId, kind, mayCreate, t, locale, timeZone }: Props) {
  const [list, custom] = await Promise.all([documentsOfDeal(db, viewer, dealId, kind), customStatuses(db, viewer.orgId)]);
  const today = todayIn(timeZone);
  const title = t(kind === "quote" ? "documents.quotes" : "documents.invoices");
  return (
    <section className="card-section" aria-label={title}>
      {mayCreate && (
        <ActionForm action={createDocumentAction} record={`create:${dealId}:${kind}`} className="inline-form">
          <input type="hidden" name="dealId" value={dealId} />
          <input type="hidden" name="kind" value={kind} />
          <button type="submit" className="button primary">
            {t(kind === "quote" ? "documents.createQuote" : "documents.createInvoice")}
          </button>
        </ActionForm>
      )}
      {kind === "invoice" && list.length > 0 && <InvoiceTotals list={list} t={t} locale={locale} />}
      {list.length === 0 ? (
        <p className="muted">{t("documents.none")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid={`deal-${kind}s`}>
            <thead>
              <tr>
                <th scope="col">{t("documents.number")}</th>
                <th scope="col">{t("documents.issuedOn")}</th>
                <th scope="col">{t("documents.status")}</th>
                <th scope="col" className="num">{t("documents.gross")}</th>
                {kind === "invoice" && <th scope="col" className="num">{t("documents.paid")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/deals/documents/${d.id}`}>{d.number}</Link>
                  </td>
                  <td>{formatDate(d.issuedOn, locale)}</td>
                  <td>
                    <DocumentStatusBadge kind={kind} status={d.status} t={t} custom={custom} /> {isLate(d, today, custom) && <span className="badge overdue">{t(kind === "quote" ? "documents.expired" : "documents.overdue")}</span>}
                  </td>
                  <td className="num">{formatMoney(d.gross, d.currency, locale)}</td>
                  {kind === "invoice" && <td className="num">{formatMoney(d.paid, d.currency, locale)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Invoiced, paid and unpaid per currency, cancelled invoices left out (exact sums). */
function InvoiceTotals({ list, t, locale }: { list: { status: string; currency: string; gross: string; paid: string }[]; t: Translate; locale: Locale }) {
  const sums = new Map<string, { gross: string; paid: string }>();
  for (const d of list) {
    if (d.status === "cancelled") continue;
    const sum = sums.get(d.currency) ?? { gross: "0", paid: "0" };
    sums.set(d.currency, { gross: addDecimals(sum.gross, d.gross), paid: addDecimals(sum.paid, d.paid) });
  }
  return (
    <p className="list-summary" data-testid="invoice-totals">
      {[...sums.entries()]
        .map(([currency, s]) => `${t("documents.gross")} ${formatMoney(s.gross, currency, locale)} · ${t("documents.paid")} ${formatMoney(s.paid, currency, locale)} · ${t("documents.unpaid")} ${formatMoney(addDecimals(s.gross, s.paid, -1), currency, locale)}`)
        .join(" | ")}
    </p>
  );
}
