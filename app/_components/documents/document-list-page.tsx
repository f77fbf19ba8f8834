import Link from "next/link";
import { getDb } from "@/db/client";
import type { DocumentKind } from "@/db/schema";
import { customStatuses } from "@/lib/documents/statuses";
import { statusesOf, statusLabel } from "@/lib/documents/status-set";
import { requireViewer } from "@/lib/auth/viewer";
import { documentListParams, parseDocumentListQuery } from "@/lib/documents/list-params";
import { listDocuments, overdueInvoiceCount } from "@/lib/documents/queries";
import { isLate } from "@/lib/documents/state";
import { formatDate, formatMoney, todayIn } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { DocumentStatusBadge } from "./status-badge";
import { DocumentsLinks } from "./documents-links";

type Props = { kind: DocumentKind; searchParams: Record<string, string | string[] | undefined> };

/** Deals → Quotes / Invoices: filters in the URL, keyset pages, totals per currency, CSV and Excel export. */
export async function DocumentListPage({ kind, searchParams }: Props) {
  const viewer = await requireViewer();
  const db = await getDb();
  const { t, locale } = await getI18n();
  const custom = await customStatuses(db, viewer.orgId);
  const query = parseDocumentListQuery(kind, (key) => searchParams[key], custom);
  const today = todayIn(viewer.org.timezone);
  // Totals add up every matching document: at once for a search or "mine" (a few), on request otherwise (a third of a million deals' worth).
  const withTotals = Boolean(query.q || query.mine || searchParams.totals === "1");
  const [{ items, next, totals }, overdue] = await Promise.all([listDocuments(db, viewer, { ...query, today, withTotals, custom }), kind === "invoice" ? overdueInvoiceCount(db, viewer, today, custom) : Promise.resolve(0)]);
  const path = kind === "quote" ? "/deals/quotes" : "/deals/invoices";
  const filters = documentListParams({ status: query.status, q: query.q, mine: query.mine, after: null });
  const statuses = statusesOf(kind, custom).map((s) => s.code);
  const title = t(kind === "quote" ? "documents.quotes" : "documents.invoices");
  return (
    <>
      <div className="page-head">
        <h1>
          {title}{" "}
          {overdue > 0 && (
            <Link href={`${path}?status=late&mine=1`} className="badge overdue" data-testid="overdue-invoices">
              {t("documents.overdueMine", { count: overdue })}
            </Link>
          )}
        </h1>
        <div className="actions">
          <nav className="view-switch" aria-label={t("board.boardView")}>
            <Link href="/deals">{t("board.listView")}</Link>
            <Link href="/deals/kanban">{t("board.boardView")}</Link>
            <DocumentsLinks t={t} current={kind} />
          </nav>
          <a className="button" href={`/deals/documents/export?${documentListParams({ ...query, after: null }, { kind })}`} download>
            {t("list.exportCsv")}
          </a>
          <a className="button" href={`/deals/documents/export?${documentListParams({ ...query, after: null }, { kind, format: "xlsx" })}`} download>
            {t("list.exportXlsx")}
          </a>
        </div>
      </div>
      <form className="inline-form" method="get" action={path} role="search">
        <div className="field">
          <label htmlFor="documents-q">{t("documents.filters.search")}</label>
          <input id="documents-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="documents-status">{t("documents.filters.status")}</label>
          <select id="documents-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("documents.filters.any")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, t, custom)}
              </option>
            ))}
            <option value="late">{t(kind === "quote" ? "documents.expired" : "documents.overdue")}</option>
          </select>
        </div>
        <label className="field checkbox">
          <span>
            <input type="checkbox" name="mine" value="1" defaultChecked={query.mine} /> {t("documents.filters.mine")}
          </span>
        </label>
        <button type="submit" className="button">
          {t("documents.filters.apply")}
        </button>
      </form>
      <p className="list-summary" data-testid="document-totals">
        {!withTotals ? (
          <Link href={`${path}?${documentListParams({ ...query, after: null }, { totals: "1" })}`}>{t("documents.showTotals")}</Link>
        ) : totals.length === 0 ? (
          t("documents.count", { count: 0 })
        ) : (
          totals.map((row) => `${t("documents.count", { count: row.count })} · ${formatMoney(row.gross, row.currency, locale)}${kind === "invoice" ? ` (${t("documents.paid")} ${formatMoney(row.paid, row.currency, locale)})` : ""}`).join(" | ")
        )}
      </p>
      {items.length === 0 ? (
        <p className="empty">{t("documents.none")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="document-list">
            <thead>
              <tr>
                <th scope="col">{t("documents.number")}</th>
                <th scope="col">{t("documents.issuedOn")}</th>
                <th scope="col">{t("documents.buyer")}</th>
                <th scope="col">{t("documents.deal")}</th>
                <th scope="col">{t("documents.status")}</th>
                <th scope="col">{t(kind === "quote" ? "documents.validUntil" : "documents.payBefore")}</th>
                <th scope="col" className="num">{t("documents.gross")}</th>
                {kind === "invoice" && <th scope="col" className="num">{t("documents.paid")}</th>}
                <th scope="col">
                  <span className="visually-hidden">PDF</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/deals/documents/${d.id}`}>{d.number}</Link>
                  </td>
                  <td>{formatDate(d.issuedOn, locale)}</td>
                  <td>{d.buyerName}</td>
                  <td>
                    <Link href={`/deals/${d.dealId}`}>{d.dealTitle}</Link>
                  </td>
                  <td>
                    <DocumentStatusBadge kind={kind} status={d.status} t={t} custom={custom} /> {isLate(d, today, custom) && <span className="badge overdue">{t(kind === "quote" ? "documents.expired" : "documents.overdue")}</span>}
                  </td>
                  <td>{d.dueOn ? formatDate(d.dueOn, locale) : "—"}</td>
                  <td className="num">{formatMoney(d.gross, d.currency, locale)}</td>
                  {kind === "invoice" && <td className="num">{formatMoney(d.paid, d.currency, locale)}</td>}
                  <td className="row-actions">
                    <a href={`/deals/documents/${d.id}/pdf`} download>
                      PDF
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={title}>
        {query.after && <Link href={`${path}?${filters}`}>{t("documents.firstPage")}</Link>}
        {next && <Link href={`${path}?${documentListParams({ status: query.status, q: query.q, mine: query.mine, after: next })}`}>{t("documents.more")}</Link>}
      </nav>
    </>
  );
}
