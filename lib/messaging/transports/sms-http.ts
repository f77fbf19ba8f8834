import { DeliveryError, type Delivery } from "./delivery";

export type SmsGateway = { url: string; token: string | null; sender: string | null; timeoutMs?: number };
export type OutgoingSms = { to: string; text: string; idempotencyKey: string };

/**
 * Sends through an HTTP SMS gateway: POST `url` with JSON { to, text, sender, idempotencyKey },
 * `Authorization: Bearer <token>` and an `Idempotency-Key` header (the same key on every retry of
 * one message, so a gateway that honours it sends once). Any 2xx is sent. 408, 409, 429, 5xx, a
 * refused connection or no answer within the timeout (10 s) are retried; any other answer fails
 * the message with the gateway's words.
 */
export async function sendSmsHttp(gateway: SmsGateway, sms: OutgoingSms): Promise<Delivery> {
  const timeoutMs = gateway.timeoutMs ?? 10_000;
  let response: Response;
  try {
    response = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": sms.idempotencyKey,
        ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}),
      },
      body: JSON.stringify({ to: sms.to, text: sms.text, sender: gateway.sender, idempotencyKey: sms.idempotencyKey }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DeliveryError(timedOut ? `SMS gateway did not answer within ${timeoutMs / 1000} s` : `SMS gateway unreachable: ${cause?.code ?? cause?.message ?? String(error)}`, false);
  }
  const body = (await response.text().catch(() => "")).slice(0, 500);
  if (response.ok) return { transport: "http", meta: { status: response.status, response: body } };
  const transient = response.status >= 500 || [408, 409, 429].includes(response.status);
  throw new DeliveryError(`SMS gateway answered ${response.status}${body ? `: ${body.slice(0, 200)}` : ""}`, !transient);
}
