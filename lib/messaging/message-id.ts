/**
 * The Message-ID of an e-mail, made from what makes it unique, `<msg-<orgId>-<key>@crm>`: a send
 * repeated after a crash carries the same id. The key keeps letters, digits, "-" and "_"; every
 * other byte (":" in "run:12", a dot, UTF-8) is written as =XX, so two keys never share an id.
 */
export function messageIdFor(orgId: number, idempotencyKey: string): string {
  const safe = [...new TextEncoder().encode(idempotencyKey)].map((byte) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
  return `<msg-${orgId}-${safe}@crm>`;
}
