import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { DocumentsLinks } from "@/app/_components/documents/documents-links";
import { deletePresetAction, savePresetAction, saveColumnsAction } from "@/lib/deals/list/actions";
import { listColumns } from "@/lib/deals/list/columns";
import { mayView } from "@/lib/fields/queries";
import { loadListPage } from "@/lib/deals/list/load";
import { activeFilterCount, listQueryParams, parseListQuery, type ListQuery, type SortKey } from "@/lib/deals/list/url-state";
import { todayIn } from "@/lib/i18n/format";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { BulkForm, bulkRequestOf } from "@/app/_components/deal-list/bulk-form";
import { DealRows } from "@/app/_components/deal-list/deal-rows";
import { FilterForm } from "@/app/_components/deal-list/filter-form";
import { SearchBar } from "@/app/_components/deal-list/search-bar";
import { SortForm } from "@/app/_components/deal-list/sort-form";
import { SelectPage } from "@/app/_components/deal-list/select-page";
import { Notice } from "@/app/_components/notice";
import { MyPlan } from "@/app/_components/analytics/my-plan";
import { AutomationLink } from "@/app/_components/automation/automation-link";
import { FilterPanel, filtersRequested, withFiltersOpen } from "@/app/_components/deal-list/filter-panel";
import { CounterBar } from "@/app/_components/activities/counter-bar";
import { counterKinds } from "@/lib/activities/counters";

export const generateMetadata = titled("titles.deals");

export default async function DealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const filtersOpen = filtersRequested(params);
  // The bulk panel's second step: the rows were ticked in the first, so they are not tickable here.
  const bulk = bulkRequestOf(params);
  const { viewer, t, locale, query, may, context, customColumns, page, rows, total, columns, presets, options, counters, allFields, myPlans, chips } = await loadListPage(params, { filtersOpen, bulkStep: bulk !== null });
  const amountsAllowed = may.filterByAmount;
  const filterQuery = listQueryParams(query).toString();
  const blank = parseListQuery({});
  const today = todayIn(viewer.org.timezone);
  const builtIn = [
    { label: t("list.presetInProgress"), query: { ...blank, semantics: ["P" as const] } },
    { label: t("list.presetMine"), query: { ...blank, responsible: [viewer.id] } },
    { label: t("list.presetNewToday"), query: { ...blank, createdFrom: today, createdTo: today } },
    { label: t("list.presetWon"), query: { ...blank, semantics: ["S" as const] } },
    { label: t("list.presetLost"), query: { ...blank, semantics: ["F" as const] } },
    { label: t("list.presetModifiedByMe"), query: { ...blank, modifiedByMe: true } },
  ];
  // The total, once asked for, stays on every page, order and filter of the list.
  const href = (changes: Partial<ListQuery>) => {
    const qs = listQueryParams(query, { count: query.count, ...changes }).toString();
    return qs ? `/deals?${qs}` : "/deals";
  };
  const sortHref = (sort: SortKey) => href({ sort, dir: query.sort === sort ? (query.dir === "desc" ? "asc" : "desc") : sort === "title" ? "asc" : "desc" });
  const shown = listColumns.filter((c) => columns.includes(c.key));

  const importExport = (
    <>
      {may.import && (
        <Link href="/deals/import" className="button">
          {t("list.importDeals")}
        </Link>
      )}
      {may.export && (
        <>
          <a href={`/deals/export?${filterQuery}`} className="button" download>
            {t("list.exportCsv")}
          </a>
          <a href={`/deals/export?${filterQuery}${filterQuery ? "&" : ""}format=xlsx`} className="button" download>
            {t("list.exportXlsx")}
          </a>
        </>
      )}
    </>
  );

  return (
    <>
      <div className="page-head">
        <h1>{t("deals.title")}</h1>
        <div className="actions compact">
          <nav className="view-switch" aria-label={t("board.boardView")}>
            <Link href={href({})} aria-current="page">
              {t("board.listView")}
            </Link>
            <Link href={`/deals/kanban${filterQuery ? `?${filterQuery}` : ""}`}>{t("board.boardView")}</Link>
            <AutomationLink viewer={viewer} t={t} pipelineId={query.pipeline} />
            <DocumentsLinks t={t} />
          </nav>
          {(may.import || may.export) && (
            <>
              <span className="desktop-only">{importExport}</span>
              {/* On a phone they fold under "More", so the first deals fit on the first screen. */}
              <details className="more-actions phone-only">
                <summary className="button">{t("list.more")}</summary>
                <div className="more-actions-items">{importExport}</div>
              </details>
            </>
          )}
          {may.add && (
            <Link href="/deals/new" className="button primary">
              {t("deals.add")}
            </Link>
          )}
        </div>
      </div>
      <Notice value={params.notice} t={t} />
      <MyPlan plans={myPlans} currency={viewer.org.baseCurrency} locale={locale} t={t} />
      <CounterBar
        counters={counters}
        t={t}
        variant="bar"
        href={(kind) => `/deals?${listQueryParams({ ...blank, responsible: [viewer.id], [kind]: true }).toString()}`}
        active={query.responsible.length === 1 && query.responsible[0] === viewer.id ? counterKinds.filter((k) => query[k]) : []}
      />
      <nav className="presets" aria-label={t("list.presets")}>
        {builtIn.map((preset) => {
          const qs = listQueryParams(preset.query).toString();
          return (
            <Link key={preset.label} href={`/deals?${qs}`} aria-current={qs === filterQuery ? "page" : undefined}>
              {preset.label}
            </Link>
          );
        })}
        {presets.map((preset) => (
          <span key={preset.id} className="user-preset">
            <Link href={preset.query ? `/deals?${preset.query}` : "/deals"} aria-current={preset.query === filterQuery ? "page" : undefined}>
              {preset.name}
            </Link>
            <ActionForm action={deletePresetAction} className="inline">
              <input type="hidden" name="id" value={preset.id} />
              <button type="submit" className="link-button" aria-label={t("list.deletePreset", { name: preset.name })} title={t("list.deletePreset", { name: preset.name })}>
                ×
              </button>
            </ActionForm>
          </span>
        ))}
      </nav>
      <SearchBar query={query} chips={chips} href={href} t={t} />
      <SortForm query={query} amountsAllowed={amountsAllowed} t={t} />
      <FilterPanel open={filtersOpen} openHref={withFiltersOpen(href({}))} active={activeFilterCount(query)} clearHref="/deals" t={t}>
        {options && <FilterForm query={query} options={options} t={t} amountsAllowed={amountsAllowed} baseCurrency={viewer.org.baseCurrency} customFields={context.fields} />}
        <ActionForm action={savePresetAction} className="inline-form save-preset" label={t("list.savePreset")}>
          <input type="hidden" name="query" value={filterQuery} />
          <label className="field">
            <span>{t("list.savePreset")}</span>
            <input name="name" required maxLength={60} placeholder={t("list.presetName")} />
          </label>
          <button type="submit" className="button">
            {t("common.save")}
          </button>
        </ActionForm>
      </FilterPanel>
      <details className="card-section column-panel">
        <summary>{t("list.columns")}</summary>
        <ActionForm action={saveColumnsAction} version={formVersion([columns, customColumns.map((c) => c.code)])} className="inline-form" label={t("list.columns")}>
          <input type="hidden" name="back" value={filterQuery ? `?${filterQuery}` : ""} />
          {listColumns.map((c) => (
            <label key={c.key}>
              <input type="checkbox" name="columns[]" value={c.key} defaultChecked={columns.includes(c.key)} disabled={c.key === "title"} /> {t(c.label)}
            </label>
          ))}
          {allFields
            .filter((f) => f.showInList && mayView(f, viewer))
            .map((f) => (
              <label key={f.code}>
                <input type="checkbox" name="columns[]" value={f.code} defaultChecked={customColumns.some((c) => c.code === f.code)} /> {f.label}
              </label>
            ))}
          <button type="submit" className="button">
            {t("list.saveColumns")}
          </button>
        </ActionForm>
      </details>
      <p className="list-summary" data-testid="list-total">
        {total !== null ? t("list.total", { count: total.toLocaleString(locale) }) : <Link href={href({ count: true, after: query.after, before: query.before })}>{t("list.showTotal")}</Link>}
      </p>
      {page.rows.length === 0 ? (
        <p className="empty">{filterQuery ? t("list.noResults") : t("deals.empty")}</p>
      ) : (
        <>
          {may.bulk && <BulkForm t={t} request={bulk} listQuery={listQueryParams(query, { after: query.after, before: query.before, count: query.count })} filterQuery={filterQuery} options={options} pageIds={page.rows.map((r) => r.id)} />}
          <div className="table-scroll" tabIndex={0}>
            <table className="deals-table">
              <thead>
                <tr>
                  {!bulk && may.bulk && (
                    <th scope="col" className="select">
                      <SelectPage label={t("list.selectPage")} />
                    </th>
                  )}
                  {shown.map((c) => (
                    <th key={c.key} scope="col" className={"numeric" in c ? "num" : undefined} aria-sort={"sort" in c && query.sort === c.sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
                      {"sort" in c && (c.sort !== "amount" || amountsAllowed) ? (
                        <Link href={sortHref(c.sort)} title={t("list.sortBy", { column: t(c.label) })}>
                          {t(c.label)}
                          {query.sort === c.sort ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
                        </Link>
                      ) : (
                        t(c.label)
                      )}
                    </th>
                  ))}
                  {customColumns.map((c) => (
                    <th key={c.code} scope="col">
                      {c.label}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">{t("list.open")}</span>
                  </th>
                </tr>
              </thead>
              <DealRows key={`${filterQuery}|${query.after}|${query.before}`} rows={rows} columns={columns} customColumns={customColumns.map(({ code, label }) => ({ code, label }))} locale={locale} timezone={viewer.org.timezone} next={page.next} queryString={filterQuery} selectable={!bulk && may.bulk} mayAdd={may.add} />
            </table>
          </div>
        </>
      )}
      <nav className="pager" aria-label={t("common.pagination")}>
        {page.previous && (
          <>
            <Link href={href({})}>{t("common.first")}</Link>
            <Link href={href({ before: page.previous })} rel="prev">
              {t("common.previous")}
            </Link>
          </>
        )}
        {page.next && (
          <Link href={href({ after: page.next })} rel="next">
            {t("common.next")}
          </Link>
        )}
      </nav>
    </>
  );
}
