import type { messages } from "@/db/schema";
import { htmlToText } from "@/lib/messaging/html-text";
import type { Translate } from "@/lib/i18n/translate";

type Message = typeof messages.$inferSelect;

/** A list row's one line: the e-mail's subject, else the first line of its text (HTML as text). */
export function messageSummary(message: Pick<Message, "subject" | "body" | "meta">): string {
  if (message.subject) return message.subject;
  const text = message.meta.html === true ? htmlToText(message.body) : message.body;
  const line = (text.split("\n").find((l) => l.trim()) ?? "").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** "3 SMS parts (UCS-2)": from what was counted when the message was queued. */
export function SmsParts({ meta, t }: { meta: Record<string, unknown>; t: Translate }) {
  if (typeof meta.segments !== "number") return null;
  return <span data-testid="sms-parts">{t("messaging.outbox.segments", { count: meta.segments, encoding: String(meta.encoding ?? "") })}</span>;
}

/** The status in words; a failed or retried message with its last reason. */
export function MessageStatus({ message, t }: { message: Pick<Message, "status" | "error">; t: Translate }) {
  return (
    <>
      <span className={message.status === "failed" ? "badge danger" : undefined} data-testid="message-status">
        {t(`messaging.outbox.statuses.${message.status}`)}
      </span>
      {message.error && message.status !== "sent" && <div className="muted">{t("messaging.outbox.lastError", { reason: message.error })}</div>}
    </>
  );
}
