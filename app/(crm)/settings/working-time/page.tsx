import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { formVersion } from "@/lib/actions/form-version";
import { requireAdmin } from "@/lib/auth/viewer";
import { saveWorkingTimeAction } from "@/lib/automation/actions";
import { getWorkingTime } from "@/lib/automation/working-time";
import { weekdayKeys } from "@/lib/automation/working-time-form";
import { getI18n } from "@/lib/i18n/server";
import { ActionForm } from "@/app/_components/action-form";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import "@/app/_components/automation/automation.css";

export const generateMetadata = titled("titles.workingTime");

/** Settings → Working time (administrators): when robots that run only in working hours may run. */
export default async function WorkingTimePage() {
  const viewer = await requireAdmin();
  const { t } = await getI18n();
  const value = await getWorkingTime(await getDb(), viewer.orgId);
  const title = t("automation.workingTime.title");
  // Monday first, as calendars here show the week.
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsNav t={t} admin current="workingTime" />
      <section className="card-section working-time">
        <h2>{title}</h2>
        <p className="muted">{t("automation.workingTime.hint", { zone: viewer.org.timezone })}</p>
        <ActionForm action={saveWorkingTimeAction} version={formVersion(value)} className="form" label={title}>
          <fieldset className="days">
            <legend>{t("automation.workingTime.days")}</legend>
            {order.map((day) => (
              <label key={day}>
                <input type="checkbox" name="days[]" value={day} defaultChecked={value.days.includes(day)} /> {t(`automation.workingTime.weekdays.${weekdayKeys[day]!}`)}
              </label>
            ))}
          </fieldset>
          <div className="grid">
            <div className="field">
              <label htmlFor="working-start">{t("automation.workingTime.start")}</label>
              <input id="working-start" name="start" type="time" required defaultValue={value.start} />
            </div>
            <div className="field">
              <label htmlFor="working-end">{t("automation.workingTime.end")}</label>
              <input id="working-end" name="end" type="time" required defaultValue={value.end} />
            </div>
            <div className="field wide">
              <label htmlFor="working-holidays">{t("automation.workingTime.holidays")}</label>
              <textarea id="working-holidays" name="holidays" rows={6} defaultValue={value.holidays.join("\n")} aria-describedby="working-holidays-hint" />
              <p id="working-holidays-hint" className="muted">
                {t("automation.workingTime.holidaysHint")}
              </p>
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary">
              {t("common.save")}
            </button>
          </div>
        </ActionForm>
      </section>
    </>
  );
}
