import "server-only";
import { cookies } from "next/headers";

/**
 * next-auth's CSRF token, read from the cookie next-auth sets, so the sign-in and sign-out
 * forms can post straight to next-auth without JavaScript.
 */
export async function readCsrfToken(): Promise<string | null> {
  const store = await cookies();
  const raw = store.get("__Host-next-auth.csrf-token")?.value ?? store.get("next-auth.csrf-token")?.value;
  return raw?.split("|")[0] || null;
}

/** Only paths on this site: a callback URL must never send the user elsewhere. */
export function safeCallbackUrl(value: unknown, fallback = "/deals"): string {
  if (typeof value !== "string" || value === "") return fallback;
  let url: URL;
  try {
    // Relative paths resolve against a dummy origin; absolute ones keep only their path.
    url = new URL(value, "http://self.invalid");
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
