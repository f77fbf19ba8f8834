import Link from "next/link";
import type { DocumentKind } from "@/db/schema";
import type { Translate } from "@/lib/i18n/translate";

/** Deals → Quotes and Invoices in the deals section's view switch. */
export function DocumentsLinks({ t, current }: { t: Translate; current?: DocumentKind }) {
  return (
    <>
      <Link href="/deals/quotes" aria-current={current === "quote" ? "page" : undefined}>
        {t("documents.quotes")}
      </Link>
      <Link href="/deals/invoices" aria-current={current === "invoice" ? "page" : undefined}>
        {t("documents.invoices")}
      </Link>
    </>
  );
}
