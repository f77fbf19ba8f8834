import Link from "next/link";
import { bulkDealsAction } from "@/lib/deals/bulk/actions";
import { BULK_SYNC_LIMIT } from "@/lib/deals/bulk/apply";
import { BULK_KINDS, BULK_PARAMS, BULK_SCOPES, bulkRequest, type BulkKind, type BulkRequest, type BulkScope } from "@/lib/deals/bulk/request";
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import type { DealFormOptions } from "@/lib/org/queries";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "../action-form";
import { KeptParams } from "../kept-params";
import { PipelineOptions, StageOptions, UserOptions } from "../options";

const SCOPE_CHOICES: Record<BulkScope, MessageKey> = { selected: "bulk.scopeSelected", page: "bulk.scopePage", filter: "bulk.scopeFilter" };

/** The bulk request of this list URL, if its first step was sent. */
export function bulkRequestOf(params: Record<string, string | string[] | undefined>): BulkRequest | null {
  return bulkRequest(params, BULK_SYNC_LIMIT);
}

/**
 * Group actions, in two steps that both work without JavaScript. First a small GET form: which
 * deals (the row checkboxes belong to it through form="bulk-form") and which action. Then the
 * action's own form with only the inputs that action needs. The one-step form carried every
 * input of every action — two lists of all users among them — on every list view, a fifth of the
 * page's rendering time, for a panel most views never open.
 */
export function BulkForm({
  t,
  request,
  listQuery,
  filterQuery,
  options,
  pageIds,
}: {
  t: Translate;
  request: BulkRequest | null;
  /** The list view's own parameters (filter, sort and page), kept through the first step. */
  listQuery: URLSearchParams;
  /** The filter alone, for "all deals matching the filter". */
  filterQuery: string;
  /** The choices of the second step's drop-downs; loaded only when a second step is asked for. */
  options: DealFormOptions | null;
  pageIds: number[];
}) {
  const nothingTicked = request?.scope === "selected" && request.ids.length === 0;
  if (!request || nothingTicked || !options) return <ChooseStep t={t} listQuery={listQuery} nothingTicked={nothingTicked} />;
  const back = listQuery.size ? `/deals?${listQuery}` : "/deals";
  const scopeText =
    request.scope === "selected"
      ? t("bulk.onSelected", { count: request.ids.length })
      : request.scope === "page"
        ? t("bulk.onPage", { count: pageIds.length })
        : t("bulk.onFilter");
  return (
    <section className="card-section bulk-panel" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="section-title">
        {t(`bulk.${request.kind}`)}: {scopeText}
      </h2>
      <ActionForm action={bulkDealsAction} record={`bulk:${formVersion([request, request.scope === "page" ? pageIds : []])}`} id="bulk-form" className="bulk-form" label={t("bulk.title")}>
        <input type="hidden" name="action" value={request.kind} />
        <input type="hidden" name="scope" value={request.scope} />
        <input type="hidden" name="query" value={filterQuery} />
        {request.scope === "selected" && request.ids.map((id) => <input key={id} type="hidden" name="ids[]" value={id} />)}
        {request.scope === "page" && pageIds.map((id) => <input key={id} type="hidden" name="pageIds[]" value={id} />)}
        <ActionInputs kind={request.kind} t={t} options={options} />
        <p className="form-actions">
          <button type="submit" className="button primary">
            {t("bulk.apply")}
          </button>{" "}
          <Link href={back}>{t("common.backToDeals")}</Link>
        </p>
      </ActionForm>
    </section>
  );
}

function ChooseStep({ t, listQuery, nothingTicked }: { t: Translate; listQuery: URLSearchParams; nothingTicked: boolean }) {
  return (
    <details className="card-section bulk-panel" open={nothingTicked}>
      <summary>{t("bulk.title")}</summary>
      {nothingTicked && (
        <p className="alert error" role="alert">
          {t("bulk.nothingSelected")}
        </p>
      )}
      <form id="bulk-form" method="get" action="/deals" className="bulk-form" aria-label={t("bulk.title")}>
        <KeptParams params={listQuery} />
        <fieldset className="field">
          <legend>{t("bulk.scope")}</legend>
          {BULK_SCOPES.map((scope) => (
            <label key={scope}>
              <input type="radio" name={BULK_PARAMS.scope} value={scope} defaultChecked={scope === "selected"} /> {t(SCOPE_CHOICES[scope])}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t("bulk.action")}</span>
          <select name={BULK_PARAMS.kind} defaultValue="responsible">
            {BULK_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`bulk.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t("bulk.continue")}
        </button>
      </form>
    </details>
  );
}

/** A labelled drop-down of the second step: the action needs its value. */
function SelectField({ label, children, ...select }: { label: string; children: React.ReactNode } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <select required {...select}>
        {children}
      </select>
    </label>
  );
}

/** The inputs one action needs; actions without a value need none. */
function ActionInputs({ kind, t, options }: { kind: BulkKind; t: Translate; options: DealFormOptions }) {
  const none = <option value="">{t("common.none")}</option>;
  switch (kind) {
    case "responsible":
      return (
        <SelectField label={t("deals.fields.responsible")} name="assignedById" defaultValue="">
          {none}
          <UserOptions users={options.users} />
        </SelectField>
      );
    case "stage":
      return (
        <SelectField label={t("deals.fields.stage")} name="stageId" defaultValue="">
          {none}
          <StageOptions pipelines={options.pipelines} qualified />
        </SelectField>
      );
    case "pipeline":
      return (
        <SelectField label={t("deals.fields.pipeline")} name="pipelineId" defaultValue="">
          {none}
          <PipelineOptions pipelines={options.pipelines} />
        </SelectField>
      );
    case "observers":
      return (
        <SelectField label={t("deals.fields.observers")} name="observerIds[]" multiple size={6}>
          <UserOptions users={options.users} />
        </SelectField>
      );
    case "task":
      return (
        <div className="grid">
          <label className="field">
            <span>{t("bulk.taskSubject")}</span>
            <input name="taskSubject" maxLength={255} required />
          </label>
          <label className="field">
            <span>{t("bulk.taskDeadline")}</span>
            <input name="taskDeadline" type="datetime-local" />
          </label>
        </div>
      );
    default:
      return null;
  }
}
