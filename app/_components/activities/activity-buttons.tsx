import { ActionForm } from "@/app/_components/action-form";
import { completeActivityAction, deleteActivityAction } from "@/lib/activities/actions";
import type { Translate } from "@/lib/i18n/translate";

const formId = { complete: "activity-complete", reopen: "activity-reopen", delete: "activity-delete" } as const;

/**
 * The three forms every activity's buttons submit (a button names its activity with name="id"),
 * so a timeline of a hundred activities sends three forms, not two hundred. Their messages show
 * where these are placed.
 */
export function ActivityActionForms({ t, back }: { t: Translate; back?: "activities" }) {
  const backField = back && <input type="hidden" name="back" value={back} />;
  return (
    <div className="activity-action-forms">
      <ActionForm action={completeActivityAction} id={formId.complete} label={t("activities.complete")}>
        <input type="hidden" name="done" value="1" />
        {backField}
      </ActionForm>
      <ActionForm action={completeActivityAction} id={formId.reopen} label={t("activities.reopen")}>
        <input type="hidden" name="done" value="0" />
        {backField}
      </ActionForm>
      <ActionForm action={deleteActivityAction} id={formId.delete} label={t("activities.delete")}>
        {backField}
      </ActionForm>
    </div>
  );
}

/** Complete / reopen and delete for one activity (delete asks first, in a disclosure); needs ActivityActionForms on the page. */
export function ActivityButtons({ id, subject, completed, t, mayDelete = true }: { id: number; subject: string; completed: boolean; t: Translate; mayDelete?: boolean }) {
  const toggle = completed ? t("activities.reopen") : t("activities.complete");
  return (
    <span className="activity-buttons">
      <button type="submit" form={completed ? formId.reopen : formId.complete} name="id" value={id} className="button small" aria-label={`${toggle}: ${subject}`}>
        {toggle}
      </button>
      {mayDelete && (
        <details className="inline-confirm">
          <summary className="link-button danger-text">{t("activities.delete")}</summary>
          <span>{t("activities.deleteConfirm")}</span>{" "}
          <button type="submit" form={formId.delete} name="id" value={id} className="button small danger" aria-label={`${t("activities.delete")}: ${subject}`}>
            {t("activities.delete")}
          </button>
        </details>
      )}
    </span>
  );
}
