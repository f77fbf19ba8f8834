import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { deleteFieldAction } from "@/lib/fields/actions";
import { getCustomFields } from "@/lib/fields/queries";
import { getUsers } from "@/lib/org/queries";
import { getDepartments } from "@/lib/permissions/queries";
import { getI18n } from "@/lib/i18n/server";
import { maySetUp } from "@/lib/permissions";
import { ActionForm } from "@/app/_components/action-form";
import { FieldDefinitionForm } from "@/app/_components/fields/field-definition-form";
import { Notice } from "@/app/_components/notice";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import { notFound } from "next/navigation";

export const generateMetadata = titled("titles.customFields");

/** Settings → Fields: the org's custom deal fields (administrators). ?edit=ID opens one, ?delete=ID asks first. */
export default async function FieldsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  const { t } = await getI18n();
  const db = await getDb();
  const [fields, people, departments] = await Promise.all([getCustomFields(db, viewer.orgId), getUsers(db, viewer.orgId), getDepartments(db, viewer.orgId)]);
  const editing = fields.find((f) => String(f.id) === params.edit);
  const deleting = fields.find((f) => String(f.id) === params.delete);
  const yes = (on: boolean) => (on ? "✓" : "");
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsNav t={t} admin current="fields" />
      <Notice value={params.notice} t={t} />
      <section className="card-section">
        <h2>{t("fields.title")}</h2>
        {fields.length === 0 ? (
          <p className="muted">{t("fields.none")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="custom-fields">
              <thead>
                <tr>
                  <th scope="col">{t("fields.label")}</th>
                  <th scope="col">{t("fields.code")}</th>
                  <th scope="col">{t("fields.type")}</th>
                  <th scope="col">{t("fields.multiple")}</th>
                  <th scope="col">{t("fields.mandatory")}</th>
                  <th scope="col">{t("fields.showInFilter")}</th>
                  <th scope="col">{t("fields.showInList")}</th>
                  <th scope="col">{t("fields.sort")}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {fields.map((f) => (
                  <tr key={f.id}>
                    <td>{f.label}</td>
                    <td>
                      <code>{f.code}</code>
                    </td>
                    <td>{t(`fields.types.${f.type}`)}</td>
                    <td>{yes(f.multiple)}</td>
                    <td>{yes(f.mandatory)}</td>
                    <td>{yes(f.showInFilter)}</td>
                    <td>{yes(f.showInList)}</td>
                    <td>
                      {f.sort}
                      {f.visibleTo && <span className="muted"> · {t("fields.limited")}</span>}
                    </td>
                    <td className="row-actions">
                      <Link href={`/settings/fields?edit=${f.id}#edit`}>{t("fields.edit")}</Link>{" "}
                      <Link href={`/settings/fields?delete=${f.id}#delete`} className="danger-text">
                        {t("fields.delete")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {deleting && (
        <section className="card-section" id="delete">
          <ActionForm action={deleteFieldAction} record={`field-${deleting.id}`} label={t("fields.delete")}>
            <input type="hidden" name="id" value={deleting.id} />
            <p>{t("fields.deleteConfirm", { label: deleting.label })}</p>
            <button type="submit" className="button danger">
              {t("fields.delete")}
            </button>{" "}
            <Link href="/settings/fields" className="button">
              {t("common.cancel")}
            </Link>
          </ActionForm>
        </section>
      )}
      {editing && (
        <section className="card-section" id="edit">
          <h2>
            {t("fields.edit")}: {editing.label}
          </h2>
          <FieldDefinitionForm field={editing} t={t} people={people} departments={departments} />
        </section>
      )}
      <section className="card-section">
        <h2>{t("fields.add")}</h2>
        <FieldDefinitionForm t={t} people={people} departments={departments} />
      </section>
    </>
  );
}
