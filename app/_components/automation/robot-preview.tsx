import type { RobotPreview } from "@/lib/automation/preview";
import type { Translate } from "@/lib/i18n/translate";

/**
 * The e-mail or SMS robot's message filled from a real deal (a GET form picks the deal, so it
 * works without JavaScript). An HTML e-mail is rendered in an iframe with `sandbox=""` from
 * `srcdoc`, as the outbox shows it: markup from a template never becomes part of this page.
 */
export function RobotPreviewSection({ preview, t, action }: { preview: RobotPreview; t: Translate; action: string }) {
  const dealId = preview.state === "ready" ? preview.deal.id : preview.state === "notFound" ? preview.dealId : "";
  return (
    <section className="card-section robot-preview" aria-labelledby="robot-preview-title" data-testid="robot-preview">
      <h2 id="robot-preview-title">{t("automation.preview.title")}</h2>
      <p className="muted">{t("automation.preview.hint")}</p>
      <form method="get" action={action} className="inline-form">
        <label>
          {t("automation.preview.dealLabel")} <input name="preview" inputMode="numeric" pattern="[0-9]*" defaultValue={dealId} size={8} />
        </label>
        <button type="submit" className="button small">
          {t("automation.preview.show")}
        </button>
      </form>
      {preview.state === "noDeal" && <p role="status">{t("automation.preview.noDeal")}</p>}
      {preview.state === "notFound" && <p role="status">{t("automation.preview.notFound", { id: preview.dealId })}</p>}
      {preview.state === "ready" && <Message preview={preview} t={t} />}
    </section>
  );
}

function Message({ preview, t }: { preview: Extract<RobotPreview, { state: "ready" }>; t: Translate }) {
  const { message, deal, segments } = preview;
  return (
    <>
      <p data-testid="preview-deal">{t("automation.preview.with", { id: deal.id, title: deal.title })}</p>
      {message.unknown.length > 0 && <p className="alert error">{t("automation.preview.unknown", { list: message.unknown.map((n) => `{{${n}}}`).join(", ") })}</p>}
      <dl>
        <div className="kv">
          <dt>{t("automation.preview.to")}</dt>
          <dd data-testid="preview-to">{message.recipient ?? <span className="badge danger">{t(message.channel === "email" ? "automation.preview.noEmail" : "automation.preview.noPhone")}</span>}</dd>
        </div>
        {message.subject !== null && (
          <div className="kv">
            <dt>{t("automation.preview.subject")}</dt>
            <dd data-testid="preview-subject">{message.subject}</dd>
          </div>
        )}
        {segments && (
          <div className="kv">
            <dt>SMS</dt>
            <dd data-testid="sms-parts">{t("messaging.outbox.segments", { count: segments.segments, encoding: segments.encoding })}</dd>
          </div>
        )}
      </dl>
      {message.html ? (
        <iframe className="message-preview" sandbox="" srcDoc={message.body} title={t("automation.preview.body")} data-testid="preview-html" />
      ) : (
        <div className="pre" data-testid="preview-body">
          {message.body}
        </div>
      )}
    </>
  );
}
