"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/csrf";
import { isLocale } from "./translate";
import { LOCALE_COOKIE } from "./server";

/** The language switch: a plain form post, so it works without JavaScript. Returns to the page it came from. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  }
  let back = formData.get("back");
  if (!back) {
    const referer = (await headers()).get("referer");
    try {
      const url = referer ? new URL(referer) : null;
      back = url ? url.pathname + url.search : null;
    } catch {
      back = null;
    }
  }
  redirect(safeCallbackUrl(back, "/deals"));
}
