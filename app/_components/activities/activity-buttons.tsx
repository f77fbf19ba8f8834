import { ActionForm } from "@/app/_components/action-form";
import { completeActivityAction, deleteActivityAction } from "@/lib/activities/actions";
import type { Translate } from "@/lib/i18n/translate";

/**
 * Complete / reopen and delete: one-button forms, so they work without JavaScript and with the
 * keyboard; delete asks first inside a disclosure.
 */
export function ActivityButtons({ id, subject, completed, t, back, mayDelete = true }: { id: number; subject: string; completed: boolean; t: Translate; back?: "activities"; mayDelete?: boolean }) {
  return (
    <span className="activity-buttons">
      <ActionForm action={completeActivityAction} label={`${completed ? t("activities.reopen") : t("activities.complete")}: ${subject}`}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="done" value={completed ? "0" : "1"} />
        {back && <input type="hidden" name="back" value={back} />}
        <button type="submit" className="button small">
          {completed ? t("activities.reopen") : t("activities.complete")}
        </button>
      </ActionForm>
      {mayDelete && (
        <details className="inline-confirm">
          <summary className="link-button danger-text">{t("activities.delete")}</summary>
          <ActionForm action={deleteActivityAction} label={`${t("activities.delete")}: ${subject}`}>
            <input type="hidden" name="id" value={id} />
            {back && <input type="hidden" name="back" value={back} />}
            <span>{t("activities.deleteConfirm")}</span>{" "}
            <button type="submit" className="button small danger">
              {t("activities.delete")}
            </button>
          </ActionForm>
        </details>
      )}
    </span>
  );
}
