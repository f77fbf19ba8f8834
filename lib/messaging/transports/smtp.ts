import nodemailer, { type Transporter } from "nodemailer";
import { DeliveryError, type Delivery } from "./delivery";

export type EmailAttachment = { filename: string; content: Buffer; contentType: string };
export type OutgoingEmail = { from: string; replyTo: string | null; to: string; subject: string; text: string; html: string | null; messageId: string; attachments?: EmailAttachment[] };

/** One transporter per SMTP_URL (nodemailer keeps its connection settings; made once, reused). */
let cached: { url: string; transporter: Transporter } | null = null;

function transporterFor(url: string): Transporter {
  if (cached?.url !== url) {
    cached = { url, transporter: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  }
  return cached.transporter;
}

/**
 * Sends through the SMTP server of `url` (smtp://user:pass@host:587, smtps://… for TLS from the
 * start). The Message-ID is the caller's, derived from the message's idempotency key, so a send
 * repeated after a crash carries the same id and mail systems can tell it is the same message.
 */
export async function sendSmtp(url: string, mail: OutgoingEmail): Promise<Delivery> {
  try {
    const info = (await transporterFor(url).sendMail({
      from: mail.from,
      replyTo: mail.replyTo ?? undefined,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? undefined,
      messageId: mail.messageId,
      attachments: mail.attachments,
    })) as { messageId?: string; response?: string };
    return { transport: "smtp", meta: { messageId: info.messageId ?? mail.messageId, response: String(info.response ?? "").slice(0, 500) } };
  } catch (error) {
    const { responseCode, message } = error as { responseCode?: number; message?: string };
    // 5xx: the server refused for good (unknown mailbox, rejected content); 4xx and connection trouble pass.
    const permanent = typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
    throw new DeliveryError(`SMTP: ${message ?? String(error)}`.slice(0, 1000), permanent);
  }
}
