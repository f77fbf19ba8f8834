import { deliverToOutbox } from "./outbox";
import type { Delivery } from "./delivery";
import { sendSmsHttp } from "./sms-http";
import { sendSmtp, type OutgoingEmail } from "./smtp";

/** E-mail through SMTP_URL when set, else the outbox; read at each send, so a restart picks up a change. */
export function deliverEmail(mail: OutgoingEmail, env: NodeJS.ProcessEnv = process.env): Promise<Delivery> {
  return env.SMTP_URL ? sendSmtp(env.SMTP_URL, mail) : Promise.resolve(deliverToOutbox());
}

/** SMS through the gateway at SMS_URL (SMS_TOKEN, SMS_SENDER) when set, else the outbox. */
export function deliverSms(sms: { to: string; text: string; idempotencyKey: string }, env: NodeJS.ProcessEnv = process.env): Promise<Delivery> {
  if (!env.SMS_URL) return Promise.resolve(deliverToOutbox());
  return sendSmsHttp({ url: env.SMS_URL, token: env.SMS_TOKEN || null, sender: env.SMS_SENDER || null }, sms);
}
