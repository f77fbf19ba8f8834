import Link from "next/link";
import Form from "next/form";
import { KeptParams } from "@/app/_components/kept-params";
import type { FilterChip } from "@/lib/deals/list/chips";
import { listQueryParams, type ListQuery } from "@/lib/deals/list/url-state";
import type { Translate } from "@/lib/i18n/translate";

/**
 * Above the list, always: the search box (as the reference's filter bar has it) and the applied
 * filters as chips, each a link to the same list without it. A GET form: searching keeps the
 * other filters (hidden inputs) and works without JavaScript; with it, it navigates in place.
 */
export function SearchBar({ query, chips, href, t }: { query: ListQuery; chips: FilterChip[]; href: (changes: Partial<ListQuery>) => string; t: Translate }) {
  const kept = [...listQueryParams(query, { q: "", count: query.count }).entries()];
  return (
    <div className="list-search">
      <Form action="/deals" role="search" aria-label={t("list.searchDeals")} className="search-form">
        <input type="search" name="q" defaultValue={query.q} placeholder={t("list.searchPlaceholder")} aria-label={t("list.search")} maxLength={200} />
        <KeptParams params={kept} />
        <button type="submit" className="button">
          {t("list.search")}
        </button>
      </Form>
      {chips.length > 0 && (
        <ul className="filter-chips" aria-label={t("list.appliedFilters")} data-testid="filter-chips">
          {chips.map((chip) => (
            <li key={chip.label}>
              <Link href={href(chip.without)} aria-label={t("list.removeFilter", { filter: chip.label })} prefetch={false}>
                {chip.label} <span aria-hidden="true">×</span>
              </Link>
            </li>
          ))}
          {chips.length > 1 && (
            <li>
              <Link href="/deals" className="link-button" prefetch={false}>
                {t("list.clearFilters")}
              </Link>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
