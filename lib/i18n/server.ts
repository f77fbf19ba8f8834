import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { negotiateLocale, translator, catalogues, type Locale } from "./translate";

export const LOCALE_COOKIE = "locale";

/** The request's locale and its translator, computed once per request. */
export const getI18n = cache(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale: Locale = negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return { locale, t: translator(locale), messages: catalogues[locale] };
});
