import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { formVersion } from "@/lib/actions/form-version";
import { requireAdmin } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { saveEmailSettingsAction } from "@/lib/messaging/actions";
import { defaultFrom, getSavedEmailSettings } from "@/lib/messaging/email-settings";
import { getOutboxPage } from "@/lib/messaging/outbox-queries";
import { ActionForm } from "@/app/_components/action-form";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import { MessageStatus, messageSummary, SmsParts } from "@/app/_components/messaging/message-parts";

export const generateMetadata = titled("titles.outbox");

/** Settings → Outbox (administrators): every e-mail and SMS, newest first, a keyset page at a time; and the org's sender. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireAdmin();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const before = parseId((await searchParams).before);
  const [{ messages, older }, saved] = await Promise.all([getOutboxPage(db, viewer, before), getSavedEmailSettings(db, viewer)]);
  return (
    <>
      <h1>{t("messaging.outbox.title")}</h1>
      <SettingsNav t={t} admin current="outbox" />
      <p className="muted">{t("messaging.outbox.hint")}</p>
      {messages.length === 0 ? (
        <p className="empty" data-testid="outbox-empty">
          {t("messaging.outbox.empty")}
        </p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="outbox">
            <thead>
              <tr>
                <th scope="col">{t("messaging.outbox.created")}</th>
                <th scope="col">{t("messaging.outbox.channel")}</th>
                <th scope="col">{t("messaging.outbox.recipient")}</th>
                <th scope="col">{t("messaging.outbox.subject")}</th>
                <th scope="col">{t("messaging.outbox.status")}</th>
                <th scope="col">{t("messaging.outbox.transport")}</th>
                <th scope="col">{t("messaging.outbox.deal")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map(({ message: m, deal }) => (
                <tr key={m.id} data-testid="outbox-row">
                  <td>
                    <Link href={`/settings/outbox/${m.id}`} aria-label={t("messaging.outbox.open", { id: m.id })}>
                      {formatDateTime(m.createdAt, locale, viewer.org.timezone)}
                    </Link>
                  </td>
                  <td>
                    {t(`messaging.outbox.channels.${m.channel}`)}
                    {m.channel === "sms" && (
                      <div className="muted">
                        <SmsParts meta={m.meta} t={t} />
                      </div>
                    )}
                  </td>
                  <td>{m.recipient}</td>
                  <td>
                    <Link href={`/settings/outbox/${m.id}`}>{messageSummary(m)}</Link>
                    {m.meta.attachment ? <div className="muted small">{t("messaging.outbox.withPdf")}</div> : null}
                  </td>
                  <td>
                    <MessageStatus message={m} t={t} />
                  </td>
                  <td>{m.transport ? t(`messaging.outbox.transports.${m.transport as "smtp" | "http" | "outbox"}`) : t("common.none")}</td>
                  <td>{deal ? <Link href={`/deals/${deal.id}`}>{deal.title}</Link> : t("common.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="pager">
        {before !== null && <Link href="/settings/outbox">{t("messaging.outbox.newest")}</Link>}
        {older !== null && (
          <Link href={`/settings/outbox?before=${older}`} data-testid="outbox-older">
            {t("messaging.outbox.older")}
          </Link>
        )}
      </p>
      <section className="card-section">
        <h2>{t("messaging.outbox.sender")}</h2>
        <p className="muted">{t("messaging.outbox.senderHint", { default: defaultFrom() })}</p>
        <ActionForm action={saveEmailSettingsAction} record="email-sender" version={formVersion(saved)} className="inline-form" label={t("messaging.outbox.sender")}>
          <label className="field">
            <span>{t("messaging.outbox.from")}</span>
            <input name="from" defaultValue={saved.from} placeholder={defaultFrom()} maxLength={320} />
          </label>
          <label className="field">
            <span>{t("messaging.outbox.replyTo")}</span>
            <input name="replyTo" defaultValue={saved.replyTo} maxLength={320} />
          </label>
          <button type="submit" className="button small">
            {t("common.save")}
          </button>
        </ActionForm>
      </section>
    </>
  );
}
