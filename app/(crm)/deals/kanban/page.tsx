import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { DocumentsLinks } from "@/app/_components/documents/documents-links";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { boardOrders, boardQueryParams } from "@/lib/board/url-state";
import { resolveBoard } from "@/lib/board/load";
import { cardFields } from "@/lib/board/card-fields";
import { getCardFields } from "@/lib/board/preferences";
import { effectiveOrder, getBoard } from "@/lib/board/queries";
import { saveCardFieldsAction } from "@/lib/board/actions";
import { activeFilterCount, listQueryParams, parseListQuery } from "@/lib/deals/list/url-state";
import { getI18n } from "@/lib/i18n/server";
import { getDealFormOptions } from "@/lib/org/queries";
import { moveNeeds, moveOptions } from "@/lib/deals/required/move-options";
import { amountsHidden, hidesAnyAmounts, levelAt, mayAnywhere, maySetUp } from "@/lib/permissions";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { Board } from "@/app/_components/board/board";
import { AutomationLink } from "@/app/_components/automation/automation-link";
import { FilterForm } from "@/app/_components/deal-list/filter-form";
import { FilterPanel, filtersRequested, withFiltersOpen } from "@/app/_components/deal-list/filter-panel";
import { CounterBar } from "@/app/_components/activities/counter-bar";
import { counterKinds } from "@/lib/activities/counters";
import { viewerCounters } from "@/lib/activities/viewer-counters";
import { myPlansThisMonth } from "@/lib/analytics/my-plan";
import { MyPlan } from "@/app/_components/analytics/my-plan";
import { KeptParams } from "@/app/_components/kept-params";

export const generateMetadata = titled("titles.kanban");

export default async function KanbanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const { pipelines, pipeline, query, context } = await resolveBoard(db, viewer, params);
  if (!pipeline) {
    return (
      <>
        <h1>{t("board.title")}</h1>
        <p className="empty">{t("board.noPipelines")}</p>
      </>
    );
  }
  const filtersOpen = filtersRequested(params);
  // Companies and contacts go to the browser only when a form there may ask for one: the open
  // quick-add form, the filter panel, or a stage that requires a company or a contact.
  const needs = moveNeeds(db, viewer, pipeline.id);
  const optionsRead = needs.then(({ clientsNeeded }) =>
    getDealFormOptions(db, viewer.orgId, undefined, { companyIds: query.filter.company ? [query.filter.company] : [] }, { clients: clientsNeeded || filtersOpen || query.add !== null }),
  );
  const [columns, cardFieldChoice, counters, needed, options, myPlans] = await Promise.all([
    getBoard(db, viewer, pipeline, query, context),
    getCardFields(db, viewer),
    viewerCounters(viewer),
    needs,
    optionsRead,
    myPlansThisMonth(db, viewer),
  ]);
  const search = boardQueryParams(query, { filter: { ...query.filter, pipeline: pipeline.id }, add: null }).toString();
  const href = (changes: Parameters<typeof boardQueryParams>[1]) => `/deals/kanban?${boardQueryParams({ ...query, add: null, filter: { ...query.filter, pipeline: pipeline.id } }, changes).toString()}`;
  const order = effectiveOrder(viewer, pipeline.id, query.order);
  const shownStageIds = new Set(columns.map((c) => c.stage.id));
  const won = pipeline.stages.find((s) => s.semantics === "S" && !shownStageIds.has(s.id));
  const zones = [
    ...(won ? [{ kind: "stage" as const, stageId: won.id, label: t("board.dropWon") }] : []),
    ...pipeline.stages.filter((s) => s.semantics === "F" && !shownStageIds.has(s.id)).map((s) => ({ kind: "stage" as const, stageId: s.id, label: t("board.dropLost", { stage: s.name }) })),
    ...(pipeline.stages.some((s) => levelAt(viewer, "DELETE", pipeline.id, s.id) !== "none") ? [{ kind: "delete" as const, label: t("board.dropDelete") }] : []),
  ];
  const listHref = Object.fromEntries(columns.map((c) => [c.stage.id, `/deals?${listQueryParams({ ...query.filter, pipeline: pipeline.id, stages: [c.stage.id] }).toString()}`]));

  return (
    <>
      <div className="page-head">
        <h1>{t("board.title")}</h1>
        <div className="actions compact">
          <nav className="view-switch" aria-label={t("board.boardView")}>
            <Link href={`/deals?${listQueryParams({ ...query.filter, pipeline: pipeline.id }).toString()}`}>{t("board.listView")}</Link>
            <Link href={href({})} aria-current="page">
              {t("board.boardView")}
            </Link>
            <AutomationLink viewer={viewer} t={t} pipelineId={pipeline.id} />
            <DocumentsLinks t={t} />
          </nav>
          {maySetUp(viewer) && (
            <Link href={`/deals/kanban/stages?pipeline=${pipeline.id}`} className="button">
              {t("board.editStages")}
            </Link>
          )}
          {mayAnywhere(viewer, "ADD") && (
            <Link href="/deals/new" className="button primary">
              {t("deals.add")}
            </Link>
          )}
        </div>
      </div>
      <MyPlan plans={myPlans} currency={viewer.org.baseCurrency} locale={locale} t={t} />
      <CounterBar
        counters={counters}
        t={t}
        variant="bar"
        href={(kind) => `/deals/kanban?${boardQueryParams({ ...query, add: null, filter: { ...parseListQuery({}), pipeline: pipeline.id, responsible: [viewer.id], [kind]: true } }).toString()}`}
        active={query.filter.responsible.length === 1 && query.filter.responsible[0] === viewer.id ? counterKinds.filter((k) => query.filter[k]) : []}
      />
      <nav className="pipeline-switch presets" aria-label={t("board.pipeline")}>
        {pipelines.map((p) => (
          <Link key={p.id} href={`/deals/kanban?${boardQueryParams({ ...query, add: null, filter: { ...query.filter, pipeline: p.id, stages: [] } }).toString()}`} aria-current={p.id === pipeline.id ? "page" : undefined}>
            {p.name}
          </Link>
        ))}
        <Link href={href({ stale: !query.stale })} aria-current={query.stale ? "true" : undefined} className={query.stale ? "toggle on" : "toggle"} data-testid="stale-toggle">
          {t("board.staleOnly")}
        </Link>
      </nav>
      <div className="board-tools">
        <form method="get" action="/deals/kanban" className="inline-form">
          <KeptParams params={[...new URLSearchParams(search)].filter(([k]) => k !== "order")} />
          <label>
            {t("board.order")}{" "}
            <select name="order" defaultValue={order}>
              {boardOrders
                .filter((o) => o !== "amount" || !amountsHidden(viewer, pipeline.id))
                .map((o) => (
                  <option key={o} value={o}>
                    {t(`board.orders.${o}`)}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" className="button small">
            {t("list.apply")}
          </button>
        </form>
        <FilterPanel
          open={filtersOpen}
          openHref={withFiltersOpen(href({}))}
          active={activeFilterCount({ ...query.filter, pipeline: null })}
          clearHref={`/deals/kanban?${boardQueryParams({ ...query, add: null, filter: { ...parseListQuery({}), pipeline: pipeline.id } }).toString()}`}
          t={t}
        >
          <FilterForm query={{ ...query.filter, pipeline: pipeline.id }} options={options} t={t} amountsAllowed={!hidesAnyAmounts(viewer)} baseCurrency={viewer.org.baseCurrency} action="/deals/kanban" customFields={context.fields}>
            {query.order !== "manual" && <input type="hidden" name="order" value={query.order} />}
            {query.stale && <input type="hidden" name="stale" value="1" />}
          </FilterForm>
        </FilterPanel>
        <details className="card-section">
          <summary>{t("board.fields")}</summary>
          <ActionForm action={saveCardFieldsAction} version={formVersion(cardFieldChoice)} className="inline-form" label={t("board.fields")}>
            {cardFields.map((f) => (
              <label key={f}>
                <input type="checkbox" name="fields[]" value={f} defaultChecked={cardFieldChoice.fields.includes(f)} /> {t(`board.fieldNames.${f}`)}
              </label>
            ))}
            <button type="submit" name="scope" value="me" className="button small">
              {t("board.saveForMe")}
            </button>
            {maySetUp(viewer) && (
              <button type="submit" name="scope" value="everyone" className="button small">
                {t("board.saveForEveryone")}
              </button>
            )}
            {cardFieldChoice.personal && (
              <button type="submit" name="scope" value="reset" className="button small">
                {t("board.resetFields")}
              </button>
            )}
          </ActionForm>
        </details>
      </div>
      {/* The board's script state (columns, ticked cards, a move waiting for fields) belongs to one pipeline. */}
      <Board
        key={pipeline.id}
        initial={columns}
        search={search}
        manual={order === "manual"}
        fields={cardFieldChoice.fields}
        locale={locale}
        baseCurrency={viewer.org.baseCurrency}
        stages={pipeline.stages.map((s) => ({ id: s.id, name: s.name }))}
        zones={zones}
        addHref={Object.fromEntries(columns.filter((c) => levelAt(viewer, "ADD", pipeline.id, c.stage.id) !== "none").map((c) => [c.stage.id, href({ add: c.stage.id })]))}
        adding={query.add}
        closeAddHref={href({})}
        {...moveOptions({ ...needed, clientsNeeded: needed.clientsNeeded || query.add !== null }, options)}
        listHref={listHref}
      />
    </>
  );
}
