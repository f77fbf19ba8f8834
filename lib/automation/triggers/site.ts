import "server-only";
import { headers } from "next/headers";

/**
 * The site's public origin, for the addresses the editor shows (a webhook's URL, the inbound
 * e-mail endpoint, a web form's page): NEXTAUTH_URL when set, else the host and scheme of the
 * request (forwarded ones only from TRUSTED_PROXIES: lib/net/forwarding.ts removes the rest).
 */
export async function siteOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const list = await headers();
  const host = list.get("x-forwarded-host")?.split(",")[0]?.trim() || list.get("host") || "localhost";
  const proto = list.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}

export const webhookPath = (secret: string) => `/api/automation/hooks/${secret}`;
export const inboundEmailPath = (key: string) => `/api/automation/inbound-email?key=${encodeURIComponent(key)}`;
export const publicFormPath = (secret: string) => `/forms/${secret}`;
