"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale } from "./translate";
import { LOCALE_COOKIE } from "./server";

/** The language switch: a plain form post, so it works without JavaScript. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  const back = String(formData.get("back") ?? "/");
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  }
  // Only same-site paths, never an open redirect.
  redirect(back.startsWith("/") && !back.startsWith("//") ? back : "/");
}
