import "server-only";
import type { Metadata } from "next";
import { getI18n } from "./server";
import type { MessageKey } from "./translate";

/**
 * A page's browser-tab title in the reader's language: `export const generateMetadata = titled("titles.deals")`;
 * `extra` is the rest of the page's metadata (a public page's robots rules).
 */
export function titled(key: MessageKey, extra: Metadata = {}) {
  return async function generateMetadata(): Promise<Metadata> {
    const { t } = await getI18n();
    return { ...extra, title: t(key) };
  };
}
