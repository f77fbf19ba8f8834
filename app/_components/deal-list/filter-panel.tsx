import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";

/** The URL parameter that opens the filter panel. */
export const FILTERS_PARAM = "filters";

export function filtersRequested(params: Record<string, string | string[] | undefined>): boolean {
  return params[FILTERS_PARAM] === "1";
}

/**
 * The filter form, rendered only when asked for: otherwise a link to the same view with the panel
 * open, saying how many filters are on, and one to clear them. Its drop-downs (every user, the
 * recent companies, every stage) were most of the page's markup, rendered twice (HTML and the
 * React payload) on every view, the filtered ones included.
 */
export function FilterPanel({ open, openHref, active, clearHref, t, children }: { open: boolean; openHref: string; active: number; clearHref: string; t: Translate; children: React.ReactNode }) {
  if (!open) {
    return (
      <p className="card-section filter-panel closed">
        <Link href={openHref} prefetch={false} className="panel-toggle">
          {t("list.filters")}
        </Link>
        {active > 0 && (
          <>
            {" "}
            <span className="filters-on" data-testid="filters-on">
              {t("list.filtersOn", { count: active })}
            </span>{" "}
            <Link href={clearHref} className="link-button">
              {t("list.clearFilters")}
            </Link>
          </>
        )}
      </p>
    );
  }
  return (
    <details className="card-section filter-panel" open>
      <summary>{t("list.filters")}</summary>
      {children}
    </details>
  );
}

/** `href` with the panel-opening parameter added. */
export function withFiltersOpen(href: string): string {
  return `${href}${href.includes("?") ? "&" : "?"}${FILTERS_PARAM}=1`;
}
