import { bulkDealsAction } from "@/lib/deals/bulk-actions";
import type { Locale, Translate } from "@/lib/i18n/translate";
import type { DealFormOptions } from "@/lib/org/queries";
import { ActionForm } from "../action-form";
import { PipelineOptions, StageOptions, UserOptions } from "../options";

/**
 * Group actions. The row checkboxes belong to this form through their form="bulk-form"
 * attribute, so the table needs no enclosing form and everything works without JavaScript.
 */
export function BulkForm({ t, filterQuery, options, pageIds }: { t: Translate; locale: Locale; filterQuery: string; options: DealFormOptions; pageIds: number[] }) {
  return (
    <details className="card-section bulk-panel">
      <summary>{t("bulk.title")}</summary>
      <ActionForm action={bulkDealsAction} id="bulk-form" className="bulk-form" label={t("bulk.title")}>
        <input type="hidden" name="query" value={filterQuery} />
        {pageIds.map((id) => (
          <input key={id} type="hidden" name="pageIds[]" value={id} />
        ))}
        <fieldset className="field">
          <legend>{t("bulk.scope")}</legend>
          <label>
            <input type="radio" name="scope" value="selected" defaultChecked /> {t("bulk.scopeSelected")}
          </label>
          <label>
            <input type="radio" name="scope" value="page" /> {t("bulk.scopePage")}
          </label>
          <label>
            <input type="radio" name="scope" value="filter" /> {t("bulk.scopeFilter")}
          </label>
        </fieldset>
        <div className="grid">
          <label className="field">
            <span>{t("bulk.action")}</span>
            <select name="action" defaultValue="responsible">
              {(["responsible", "stage", "pipeline", "open", "close", "observers", "task", "delete"] as const).map((kind) => (
                <option key={kind} value={kind}>
                  {t(`bulk.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("deals.fields.responsible")}</span>
            <select name="assignedById" defaultValue="">
              <option value="">{t("common.none")}</option>
              <UserOptions users={options.users} />
            </select>
          </label>
          <label className="field">
            <span>{t("deals.fields.stage")}</span>
            <select name="stageId" defaultValue="">
              <option value="">{t("common.none")}</option>
              <StageOptions pipelines={options.pipelines} qualified />
            </select>
          </label>
          <label className="field">
            <span>{t("deals.fields.pipeline")}</span>
            <select name="pipelineId" defaultValue="">
              <option value="">{t("common.none")}</option>
              <PipelineOptions pipelines={options.pipelines} />
            </select>
          </label>
          <label className="field">
            <span>{t("deals.fields.observers")}</span>
            <select name="observerIds[]" multiple size={3}>
              <UserOptions users={options.users} />
            </select>
          </label>
          <label className="field">
            <span>{t("bulk.taskSubject")}</span>
            <input name="taskSubject" maxLength={255} />
          </label>
          <label className="field">
            <span>{t("bulk.taskDeadline")}</span>
            <input name="taskDeadline" type="datetime-local" />
          </label>
        </div>
        <button type="submit" className="button primary">
          {t("bulk.apply")}
        </button>
      </ActionForm>
    </details>
  );
}
