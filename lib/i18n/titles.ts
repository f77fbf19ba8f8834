import "server-only";
import type { Metadata } from "next";
import { getI18n } from "./server";
import type { MessageKey } from "./translate";

/** A page's browser-tab title in the reader's language: `export const generateMetadata = titled("titles.deals")`. */
export function titled(key: MessageKey) {
  return async function generateMetadata(): Promise<Metadata> {
    const { t } = await getI18n();
    return { title: t(key) };
  };
}
