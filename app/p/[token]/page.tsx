import { titled } from "@/lib/i18n/titles";
import { getDb } from "@/db/client";
import { documentByToken } from "@/lib/documents/public-link";
import { customStatuses } from "@/lib/documents/statuses";
import { statusLabel, waitingStatuses } from "@/lib/documents/status-set";
import { answerQuoteAction } from "@/lib/documents/public-actions";
import { getI18n } from "@/lib/i18n/server";
import { DocumentBody } from "@/app/_components/documents/document-body";
import { DocumentStatusBadge } from "@/app/_components/documents/status-badge";
import { ValuesForm } from "@/app/_components/values-form";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("titles.publicDocument", { robots: { index: false, follow: false }, referrer: "no-referrer" });

/**
 * What a client sees through a document's link (no sign-in): the document, its PDF and, for a
 * quote waiting for an answer, approve or decline with a comment. An unknown, withdrawn or expired
 * link says only that it is not valid.
 */
export default async function PublicDocumentPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ token }, query] = await Promise.all([params, searchParams]);
  const db = await getDb();
  const found = await documentByToken(db, token);
  const { t, locale } = await getI18n();
  if (!found) {
    return (
      <main className="page narrow">
        <p className="alert error" role="alert" data-testid="public-invalid">
          {t("documents.public.invalid")}
        </p>
      </main>
    );
  }
  const { document, rows, seller } = found;
  const custom = await customStatuses(db, document.orgId);
  const waiting = document.kind === "quote" && waitingStatuses("quote", custom).includes(document.status);
  const answered = document.kind === "quote" && (document.status === "approved" || document.status === "declined");
  return (
    <main className="page public-document">
      <header className="page-head">
        <div>
          <h1>{t("documents.public.title", { kind: t(`documents.${document.kind}`), number: document.number, seller: seller?.legalName ?? "" })}</h1>
          <p className="sub">
            <DocumentStatusBadge kind={document.kind} status={document.status} t={t} custom={custom} />
          </p>
        </div>
        <div className="actions">
          <a className="button" href={`/p/${token}/pdf`} download>
            {t("documents.pdf")}
          </a>
        </div>
      </header>
      {query.answered === "1" && answered && (
        <p className="alert success" role="status">
          {t("documents.public.answered", { status: statusLabel(document.status, t, custom) })}
        </p>
      )}
      <DocumentBody document={document} rows={rows} seller={seller} t={t} locale={locale} />
      {waiting && (
        <section className="card-section" aria-label={t("documents.public.approve")}>
          <ValuesForm
            action={answerQuoteAction}
            record={`answer:${document.id}`}
            version={String(document.version)}
            prefix="answer"
            label={t("documents.public.approve")}
            hidden={{ token }}
            initial={{ comment: "" }}
            fields={[{ kind: "textarea", name: "comment", label: t("documents.public.comment"), rows: 3 }]}
            submits={[
              { name: "answer", value: "approved", label: t("documents.public.approve"), primary: true },
              { name: "answer", value: "declined", label: t("documents.public.decline") },
            ]}
          />
        </section>
      )}
      {answered && query.answered !== "1" && <p>{t("documents.public.yourAnswer", { status: statusLabel(document.status, t, custom) })}</p>}
    </main>
  );
}
