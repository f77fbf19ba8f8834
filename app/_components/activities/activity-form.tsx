import { ActionForm } from "@/app/_components/action-form";
import { UserOptions } from "@/app/_components/options";
import { createActivityAction, updateActivityAction } from "@/lib/activities/actions";
import { activityTypes } from "@/lib/activities/form-schema";
import { reminderOffsets } from "@/lib/activities/reminders";
import type { Translate } from "@/lib/i18n/translate";

export type ActivityFormValues = {
  id?: number;
  version?: number;
  type: string;
  subject: string;
  description: string;
  deadline: string;
  responsibleId: number;
  direction: string;
  reminders: number[];
};

/** Plan or edit an activity: a plain form (works without JavaScript); the deadline is in the org's time zone. */
export function ActivityForm({
  dealId,
  values,
  users,
  t,
  timeZone,
}: {
  dealId: number;
  values: ActivityFormValues;
  users: { id: number; name: string; active?: boolean }[];
  t: Translate;
  timeZone: string;
}) {
  const editing = values.id !== undefined;
  const prefix = editing ? `activity-${values.id}` : "activity-new";
  return (
    <ActionForm
      action={editing ? updateActivityAction : createActivityAction}
      record={editing ? `activity:${values.id}` : `deal:${dealId}:new-activity`}
      version={values.version}
      className="activity-form"
      label={editing ? t("activities.edit") : t("activities.add")}
    >
      <input type="hidden" name="dealId" value={dealId} />
      {editing && (
        <>
          <input type="hidden" name="id" value={values.id} />
          <input type="hidden" name="version" value={values.version} />
        </>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${prefix}-type`}>{t("activities.type")}</label>
          <select id={`${prefix}-type`} name="type" defaultValue={values.type}>
            {activityTypes.map((type) => (
              <option key={type} value={type}>
                {t(`deals.activityTypes.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field wide">
          <label htmlFor={`${prefix}-subject`}>{t("activities.subject")}</label>
          <input id={`${prefix}-subject`} name="subject" required maxLength={255} defaultValue={values.subject} />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-deadline`}>
            {t("activities.deadline")} <span className="muted">({timeZone})</span>
          </label>
          <input id={`${prefix}-deadline`} type="datetime-local" name="deadline" required defaultValue={values.deadline} />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-responsible`}>{t("activities.responsible")}</label>
          <select id={`${prefix}-responsible`} name="responsibleId" defaultValue={values.responsibleId}>
            <UserOptions users={users} />
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-direction`}>{t("activities.direction")}</label>
          <select id={`${prefix}-direction`} name="direction" defaultValue={values.direction}>
            <option value="">{t("activities.directionNone")}</option>
            <option value="incoming">{t("activities.incoming")}</option>
            <option value="outgoing">{t("activities.outgoing")}</option>
          </select>
        </div>
        <fieldset className="field">
          <legend>{t("activities.reminders")}</legend>
          {reminderOffsets.map((minutes) => (
            <label key={minutes}>
              <input type="checkbox" name="reminders" value={minutes} defaultChecked={values.reminders.includes(minutes)} /> {t(`activities.reminder${minutes}`)}
            </label>
          ))}
        </fieldset>
        <div className="field wide">
          <label htmlFor={`${prefix}-description`}>{t("activities.description")}</label>
          <textarea id={`${prefix}-description`} name="description" rows={2} maxLength={5000} defaultValue={values.description} />
        </div>
      </div>
      <button type="submit" className="button primary">
        {t("activities.save")}
      </button>
    </ActionForm>
  );
}
