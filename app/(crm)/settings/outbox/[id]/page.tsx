import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { getOutboxMessage } from "@/lib/messaging/outbox-queries";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import { MessageStatus, SmsParts } from "@/app/_components/messaging/message-parts";
import { ActionForm } from "@/app/_components/action-form";
import { retryMessageAction } from "@/lib/messaging/actions";

export const generateMetadata = titled("titles.outboxMessage");

/**
 * One message of the outbox. Its body is shown as text; an HTML e-mail is also rendered in an
 * iframe with `sandbox=""` (no scripts, no forms, no navigation, a unique origin) from `srcdoc`,
 * so markup from a template never becomes part of this page.
 */
export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireAdmin();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const { t, locale } = await getI18n();
  const found = await getOutboxMessage(await getDb(), viewer, id);
  if (!found) notFound();
  const { message: m, deal } = found;
  const when = (d: Date | null) => (d ? formatDateTime(d, locale, viewer.org.timezone) : t("common.none"));
  const row = (label: string, value: React.ReactNode) => (
    <div className="kv">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const html = m.channel === "email" && m.meta.html === true;
  return (
    <>
      <h1>{m.subject || t(`messaging.outbox.channels.${m.channel}`)}</h1>
      <SettingsNav t={t} admin current="outbox" />
      <p>
        <Link href="/settings/outbox">{t("messaging.outbox.back")}</Link>
      </p>
      <section className="card-section">
        <dl>
          {row(t("messaging.outbox.channel"), t(`messaging.outbox.channels.${m.channel}`))}
          {row(t("messaging.outbox.recipient"), m.recipient)}
          {row(
            t("messaging.outbox.status"),
            <>
              <MessageStatus message={m} t={t} />
              {m.status === "failed" && (
                <ActionForm action={retryMessageAction} record={`message:${m.id}`} className="run-retry" label={t("messaging.outbox.retry")}>
                  <input type="hidden" name="id" value={m.id} />
                  <button type="submit" className="button small">
                    {t("messaging.outbox.retry")}
                  </button>
                </ActionForm>
              )}
            </>,
          )}
          {row(t("messaging.outbox.transport"), m.transport ? t(`messaging.outbox.transports.${m.transport as "smtp" | "http" | "outbox"}`) : t("common.none"))}
          {row(t("messaging.outbox.created"), when(m.createdAt))}
          {row(t("messaging.outbox.sentAt"), when(m.sentAt))}
          {row(t("messaging.outbox.attempts"), m.attempts)}
          {m.channel === "sms" && row(t("messaging.outbox.parts"), <SmsParts meta={m.meta} t={t} />)}
          {typeof m.meta.messageId === "string" && row(t("messaging.outbox.messageId"), <code>{m.meta.messageId}</code>)}
          {row(t("messaging.outbox.deal"), deal ? <Link href={`/deals/${deal.id}`}>{deal.title}</Link> : t("common.none"))}
        </dl>
      </section>
      <section className="card-section">
        <h2>{html ? t("messaging.outbox.htmlPreview") : t("messaging.outbox.body")}</h2>
        {html ? (
          <>
            <iframe className="message-preview" sandbox="" srcDoc={m.body} title={t("messaging.outbox.htmlPreview")} data-testid="message-html" />
            <details>
              <summary>{t("messaging.outbox.htmlSource")}</summary>
              <pre className="pre" data-testid="message-source">
                {m.body}
              </pre>
            </details>
          </>
        ) : (
          <div className="pre" data-testid="message-body">
            {m.body}
          </div>
        )}
      </section>
    </>
  );
}
