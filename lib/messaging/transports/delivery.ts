/** Where a message went ("smtp", "http" for the SMS gateway, "outbox" when no server is configured) and what the provider said. */
export type Delivery = { transport: "smtp" | "http" | "outbox"; meta: Record<string, unknown> };

/**
 * A message that did not go out. `permanent`: sending it again cannot help (the server refused the
 * recipient, the gateway refused the request), so it fails at once; otherwise (no connection, a
 * timeout, a 5xx from the gateway, a 4xx from the mail server) the job queue retries with backoff.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}
