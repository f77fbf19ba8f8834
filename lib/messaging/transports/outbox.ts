import type { Delivery } from "./delivery";

/**
 * Without SMTP_URL (e-mail) or SMS_URL (SMS) a message is delivered to the in-app outbox: it is
 * recorded as sent, with transport "outbox", and read in Settings → Outbox. The demo works with
 * no server, and nothing pretends to have reached the client: the outbox says where it went.
 */
export function deliverToOutbox(): Delivery {
  return { transport: "outbox", meta: {} };
}
