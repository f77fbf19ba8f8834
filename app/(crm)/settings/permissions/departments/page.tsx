import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getUsers } from "@/lib/org/queries";
import { createDepartmentAction, deleteDepartmentAction, updateDepartmentAction } from "@/lib/permissions/actions";
import { getDepartments, treeOrder } from "@/lib/permissions/queries";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";

export const generateMetadata = titled("titles.departments");

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireAdmin();
  const { t } = await getI18n();
  const db = await getDb();
  const [departments, users] = await Promise.all([getDepartments(db, viewer.orgId), getUsers(db, viewer.orgId)]);
  const tree = treeOrder(departments);
  const parentOptions = (exceptId?: number) => [
    <option key="none" value="">
      {t("permissions.noParent")}
    </option>,
    ...tree
      .filter((d) => d.id !== exceptId)
      .map((d) => (
        <option key={d.id} value={d.id}>
          {"— ".repeat(d.depth)}
          {d.name}
        </option>
      )),
  ];
  const headOptions = [
    <option key="none" value="">
      {t("permissions.noHead")}
    </option>,
    ...users.map((u) => (
      <option key={u.id} value={u.id}>
        {u.name}
      </option>
    )),
  ];

  return (
    <>
      <h1>{t("permissions.departmentsTitle")}</h1>
      <SettingsNav t={t} admin current="departments" />
      <Notice value={params.notice} t={t} />
      <ul className="plain department-tree">
        {tree.map((d) => (
          <li key={d.id} style={{ marginLeft: `${d.depth * 1.5}rem` }} className="card-section">
            <ActionForm action={updateDepartmentAction} record={`department:${d.id}`} version={formVersion([d.name, d.parentId, d.headUserId])} className="inline-form" label={d.name}>
              <input type="hidden" name="id" value={d.id} />
              <label className="field">
                <span>{t("permissions.departmentName")}</span>
                <input name="name" defaultValue={d.name} required maxLength={100} />
              </label>
              <label className="field">
                <span>{t("permissions.parent")}</span>
                <select name="parentId" defaultValue={d.parentId ?? ""}>
                  {parentOptions(d.id)}
                </select>
              </label>
              <label className="field">
                <span>{t("permissions.head")}</span>
                <select name="headUserId" defaultValue={d.headUserId ?? ""}>
                  {headOptions}
                </select>
              </label>
              <span className="muted">{t("permissions.members", { count: d.members })}</span>
              <button type="submit" className="button">
                {t("common.save")}
              </button>
            </ActionForm>
            <ActionForm action={deleteDepartmentAction} record={`department:${d.id}`} className="inline-form">
              <input type="hidden" name="id" value={d.id} />
              <button type="submit" className="link-button danger-text">
                {t("common.delete")}
              </button>
            </ActionForm>
          </li>
        ))}
      </ul>
      <section className="card-section">
        <h2>{t("permissions.addDepartment")}</h2>
        <ActionForm action={createDepartmentAction} className="inline-form" label={t("permissions.addDepartment")}>
          <label className="field">
            <span>{t("permissions.departmentName")}</span>
            <input name="name" required maxLength={100} />
          </label>
          <label className="field">
            <span>{t("permissions.parent")}</span>
            <select name="parentId" defaultValue="">
              {parentOptions()}
            </select>
          </label>
          <label className="field">
            <span>{t("permissions.head")}</span>
            <select name="headUserId" defaultValue="">
              {headOptions}
            </select>
          </label>
          <button type="submit" className="button primary">
            {t("permissions.create")}
          </button>
        </ActionForm>
      </section>
    </>
  );
}
