import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { ActionForm } from "@/app/_components/action-form";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import { TriggerNotice } from "@/app/_components/triggers/notice";
import { publicFormPath, siteOrigin } from "@/lib/automation/triggers/site";
import { deleteWebFormAction, switchWebFormAction } from "@/lib/automation/triggers/web-forms/actions";
import { listWebForms } from "@/lib/automation/triggers/web-forms/service";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getPipelines } from "@/lib/org/queries";
import { maySetUp } from "@/lib/permissions";

export const generateMetadata = titled("titles.webForms");

const notices = {
  created: "triggers.forms.created",
  saved: "triggers.forms.saved",
  deleted: "triggers.forms.deleted",
  switchedOn: "triggers.forms.switchedOn",
  switchedOff: "triggers.forms.switchedOff",
} as const;

/** Settings → Web forms (administrators): the org's public forms, their addresses, on/off, edit, delete (?delete=ID asks first). */
export default async function WebFormsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  const { t } = await getI18n();
  const db = await getDb();
  const [forms, pipelines, origin] = await Promise.all([listWebForms(db, viewer), getPipelines(db, viewer.orgId), siteOrigin()]);
  const stageName = (stageId: number) => {
    const pipeline = pipelines.find((p) => p.stages.some((s) => s.id === stageId));
    return pipeline ? `${pipeline.name} / ${pipeline.stages.find((s) => s.id === stageId)!.name}` : "—";
  };
  const deleting = forms.find((f) => String(f.id) === params.delete);
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsNav t={t} admin current="webForms" />
      <TriggerNotice value={params.notice} t={t} notices={notices} />
      <div className="page-head">
        <h2>{t("triggers.forms.title")}</h2>
        <Link href="/settings/web-forms/new" className="button primary">
          {t("triggers.forms.add")}
        </Link>
      </div>
      <p className="muted">{t("triggers.forms.intro")}</p>
      <p className="muted small">{t("triggers.forms.triggerHint")}</p>
      {deleting && (
        <section className="card-section" id="delete">
          <ActionForm action={deleteWebFormAction} record={`webform-delete-${deleting.id}`} label={t("triggers.delete")}>
            <input type="hidden" name="id" value={deleting.id} />
            <p>{t("triggers.forms.deleteConfirm", { name: deleting.name })}</p>
            <button type="submit" className="button danger">
              {t("triggers.delete")}
            </button>{" "}
            <Link href="/settings/web-forms" className="button">
              {t("common.cancel")}
            </Link>
          </ActionForm>
        </section>
      )}
      <section className="card-section">
        {forms.length === 0 ? (
          <p className="muted">{t("triggers.forms.none")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="web-forms">
              <thead>
                <tr>
                  <th scope="col">{t("triggers.name")}</th>
                  <th scope="col">{t("triggers.forms.stage")}</th>
                  <th scope="col">{t("triggers.forms.responsible")}</th>
                  <th scope="col">{t("triggers.forms.publicUrl")}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {forms.map((form) => (
                  <tr key={form.id} data-form={form.id} className={form.enabled ? undefined : "muted"}>
                    <td>{form.name}</td>
                    <td>{stageName(form.stageId)}</td>
                    <td>{form.responsibleName ?? "—"}</td>
                    <td>
                      <a href={publicFormPath(form.secret)} data-testid="public-form-link">
                        {origin + publicFormPath(form.secret)}
                      </a>
                    </td>
                    <td className="row-actions">
                      <span className="badge">{form.enabled ? t("triggers.on") : t("triggers.off")}</span>{" "}
                      <ActionForm action={switchWebFormAction} record={`webform-switch-${form.id}-${form.enabled}`} className="inline-form" label={form.enabled ? t("triggers.switchOff") : t("triggers.switchOn")}>
                        <input type="hidden" name="id" value={form.id} />
                        <input type="hidden" name="enabled" value={form.enabled ? "off" : "on"} />
                        <button type="submit" className="link-button">
                          {form.enabled ? t("triggers.switchOff") : t("triggers.switchOn")}
                        </button>
                      </ActionForm>{" "}
                      <Link href={`/settings/web-forms/${form.id}`}>{t("triggers.edit")}</Link>{" "}
                      <Link href={`/settings/web-forms?delete=${form.id}#delete`} className="danger-text">
                        {t("triggers.delete")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
