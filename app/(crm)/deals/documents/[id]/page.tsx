import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { paymentMethods } from "@/db/schema";
import { requireViewer } from "@/lib/auth/viewer";
import { changeStatusAction, deleteDocumentAction, refreshRowsAction, sendDocumentAction, invoiceFromQuoteAction, recordPaymentAction, reopenAction, updateDetailsAction } from "@/lib/documents/actions";
import { getDocument } from "@/lib/documents/queries";
import { isEditable, isLate, isPayable, manualStatuses } from "@/lib/documents/state";
import { myCompanyOptions } from "@/lib/documents/companies";
import { customStatuses } from "@/lib/documents/statuses";
import { statusInfo, statusLabel } from "@/lib/documents/status-set";
import { addDecimals, isCurrency } from "@/lib/money/money";
import { formatDate, formatMoney, todayIn } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";
import { DocumentBody } from "@/app/_components/documents/document-body";
import { DocumentStatusBadge } from "@/app/_components/documents/status-badge";
import { ValuesForm } from "@/app/_components/values-form";
import { PublicLinkControls } from "@/app/_components/documents/public-link-controls";

export const generateMetadata = titled("titles.document");

export default async function DocumentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ id: segment }, query] = await Promise.all([params, searchParams]);
  const viewer = await requireViewer();
  const id = parseId(segment);
  if (!id) notFound();
  const db = await getDb();
  const found = await getDocument(db, viewer, id);
  if (!found) notFound();
  const { t, locale } = await getI18n();
  const { document, deal, rows, payments, seller, mayEdit } = found;
  const custom = await customStatuses(db, viewer.orgId);
  const currency = isCurrency(document.currency) ? document.currency : "VND";
  const money = (v: string) => formatMoney(v, currency, locale);
  const balance = addDecimals(document.gross, document.paid, -1);
  const late = isLate(document, todayIn(viewer.org.timezone), custom);
  const editing = mayEdit && isEditable(document.status) && query.edit === "1";
  const sellers = mayEdit && editing ? await myCompanyOptions(db, viewer) : [];
  const ref = { id: document.id, version: document.version };
  const record = `document:${document.id}`;

  return (
    <article className="document-page">
      <Notice value={query.notice} t={t} />
      <header className="page-head">
        <div>
          <h1 data-testid="document-title">{`${t(`documents.${document.kind}`)} ${document.number}`}</h1>
          <p className="sub">
            <DocumentStatusBadge kind={document.kind} status={document.status} t={t} custom={custom} /> {late && <span className="badge warning">{t(document.kind === "quote" ? "documents.expired" : "documents.overdue")}</span>}
            <span>{`${t(document.kind === "quote" ? "documents.validUntil" : "documents.payBefore")}: ${document.dueOn ? formatDate(document.dueOn, locale) : "—"}`}</span>
          </p>
          <p>
            {t("documents.deal")}: <Link href={`/deals/${deal.id}`}>{deal.title}</Link>
          </p>
        </div>
        <div className="actions">
          <a className="button" href={`/deals/documents/${document.id}/pdf`} download>
            {t("documents.pdf")}
          </a>
          {mayEdit && document.status !== "cancelled" && query.send !== "1" && (
            <Link className="button primary" href={`/deals/documents/${document.id}?send=1#send`}>
              {t("documents.send.title")}
            </Link>
          )}
          {mayEdit && isEditable(document.status) && !editing && (
            <Link className="button" href={`/deals/documents/${document.id}?edit=1`}>
              {t("documents.editDetails")}
            </Link>
          )}
        </div>
      </header>
      {mayEdit && (
        <section className="card-section document-actions" aria-label={t("documents.setStatus")}>
          <ActionForm action={changeStatusAction} record={record} version={document.version} className="inline-form" label={t("documents.setStatus")}>
            <input type="hidden" name="id" value={ref.id} />
            <input type="hidden" name="version" value={ref.version} />
            <span>{t("documents.setStatus")}</span>
            {manualStatuses(document, custom).map((status) => (
              <button key={status} type="submit" name="status" value={status} className="button">
                {statusLabel(status, t, custom)}
              </button>
            ))}
          </ActionForm>
          {document.status === "sent" && (
            <ActionForm action={reopenAction} record={`${record}:reopen`} version={document.version} className="inline-form">
              <input type="hidden" name="id" value={ref.id} />
              <input type="hidden" name="version" value={ref.version} />
              <button type="submit" className="button">
                {t("documents.reopen")}
              </button>
            </ActionForm>
          )}
          <PublicLinkControls document={document} shownToken={typeof query.link === "string" ? query.link : null} t={t} locale={locale} timeZone={viewer.org.timezone} />
          {isEditable(document.status) && (
            <ActionForm action={refreshRowsAction} record={`${record}:rows`} version={document.version} className="inline-form">
              <input type="hidden" name="id" value={ref.id} />
              <input type="hidden" name="version" value={ref.version} />
              <button type="submit" className="button">
                {t("documents.refreshRows")}
              </button>
            </ActionForm>
          )}
          {document.kind === "quote" && statusInfo("quote", document.status, custom)?.semantics !== "F" && (
            <ActionForm action={invoiceFromQuoteAction} record={`${record}:invoice`} className="inline-form">
              <input type="hidden" name="id" value={ref.id} />
              <button type="submit" className="button primary">
                {t("documents.makeInvoice")}
              </button>
            </ActionForm>
          )}
        </section>
      )}
      {mayEdit && document.status !== "cancelled" && query.send === "1" && (
        <section className="card-section" id="send" aria-label={t("documents.send.title")}>
          <h2>{t("documents.send.title")}</h2>
          <ValuesForm
            action={sendDocumentAction}
            record={`${record}:send`}
            version={String(document.version)}
            prefix="send"
            label={t("documents.send.title")}
            submit={t("documents.send.submit")}
            hidden={ref}
            initial={{
              to: document.buyerEmail,
              subject: t("documents.send.subjectDefault", { kind: t(`documents.${document.kind}`), number: document.number, seller: seller?.legalName ?? viewer.org.name }),
              body: t("documents.send.bodyDefault", { client: document.buyerName, kind: t(`documents.${document.kind}`).toLowerCase(), number: document.number, amount: money(document.gross), sender: viewer.name }),
              includeLink: "on",
            }}
            fields={[
              { kind: "text", name: "to", label: t("documents.send.to"), type: "email", required: true },
              { kind: "text", name: "subject", label: t("documents.send.subject"), required: true, maxLength: 255 },
              { kind: "textarea", name: "body", label: t("documents.send.body"), rows: 6 },
              { kind: "checkbox", name: "includeLink", label: t("documents.send.includeLink") },
            ]}
          />
        </section>
      )}
      {editing && (
        <section className="card-section" aria-label={t("documents.editDetails")}>
          <ValuesForm
            action={updateDetailsAction}
            record={record}
            version={String(document.version)}
            prefix="document"
            label={t("documents.editDetails")}
            submit={t("common.save")}
            hidden={ref}
            initial={{ issuedOn: document.issuedOn, dueOn: document.dueOn ?? "", buyerName: document.buyerName, buyerTaxCode: document.buyerTaxCode, buyerAddress: document.buyerAddress, buyerEmail: document.buyerEmail, sellerId: document.sellerId ? String(document.sellerId) : "", content: document.content, terms: document.terms }}
            fields={[
              { kind: "text", name: "issuedOn", label: t("documents.issuedOn"), type: "date", required: true },
              { kind: "text", name: "dueOn", label: t(document.kind === "quote" ? "documents.validUntil" : "documents.payBefore"), type: "date" },
              { kind: "text", name: "buyerName", label: t("documents.buyerName"), required: true, maxLength: 255 },
              { kind: "text", name: "buyerTaxCode", label: t("documents.buyerTaxCode"), maxLength: 20 },
              { kind: "text", name: "buyerAddress", label: t("documents.buyerAddress") },
              { kind: "text", name: "buyerEmail", label: t("documents.buyerEmail"), type: "email" },
              { kind: "select", name: "sellerId", label: t("documents.seller"), options: sellers, empty: t("documents.noSeller") },
              { kind: "textarea", name: "content", label: t("documents.content"), rows: 3 },
              { kind: "textarea", name: "terms", label: t("documents.terms"), rows: 3 },
            ]}
          />
        </section>
      )}
      <DocumentBody document={document} rows={rows} seller={seller} t={t} locale={locale} />
      {document.kind === "invoice" && (
        <section className="card-section" aria-labelledby="payments-title">
          <h2 id="payments-title">{t("documents.payments")}</h2>
          <p data-testid="balance">
            {`${t("documents.paid")}: ${money(document.paid)} · ${t("documents.balance")}: ${money(balance)}`}
          </p>
          {payments.length === 0 ? (
            <p className="muted">{t("documents.noPayments")}</p>
          ) : (
            <ul data-testid="payments">
              {payments.map((p) => (
                <li key={p.id}>{`${formatDate(p.paidOn, locale)} · ${money(p.amount)} · ${t(`documents.methods.${p.method}`)}${p.note ? ` · ${p.note}` : ""}`}</li>
              ))}
            </ul>
          )}
          {mayEdit && isPayable(document, custom) && (
            <ValuesForm
              action={recordPaymentAction}
              record={`${record}:payment`}
              version={document.paid}
              prefix="payment"
              label={t("documents.recordPayment")}
              submit={t("documents.recordPayment")}
              hidden={{ id: document.id }}
              initial={{ paidOn: todayIn(viewer.org.timezone), amount: "", method: "bankTransfer", note: "" }}
              fields={[
                { kind: "text", name: "paidOn", label: t("documents.paidOn"), type: "date", required: true },
                { kind: "text", name: "amount", label: t("documents.amount"), required: true },
                { kind: "select", name: "method", label: t("documents.method"), options: paymentMethods.map((m) => ({ value: m, label: t(`documents.methods.${m}`) })) },
                { kind: "text", name: "note", label: t("documents.note") },
              ]}
            />
          )}
        </section>
      )}
      {mayEdit && (query.confirm === "delete" ? (
        <ActionForm action={deleteDocumentAction} record={`${record}:delete`} className="alert warning confirm-delete">
          <p>{t("documents.deleteConfirm")}</p>
          <input type="hidden" name="id" value={ref.id} />
          <input type="hidden" name="version" value={ref.version} />
          <button type="submit" className="button danger">
            {t("documents.delete")}
          </button>
          <Link href={`/deals/documents/${document.id}`} className="button">
            {t("common.cancel")}
          </Link>
        </ActionForm>
      ) : (
        <p>
          <Link href={`/deals/documents/${document.id}?confirm=delete`} className="button danger">
            {t("documents.delete")}
          </Link>
        </p>
      ))}
    </article>
  );
}
