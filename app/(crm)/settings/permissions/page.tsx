import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getPipelines, getUsers } from "@/lib/org/queries";
import { createRoleAction, deleteRoleAction, renameRoleAction, saveAssignmentsAction, saveRoleRulesAction } from "@/lib/permissions/actions";
import { getDepartments, getRoleAssignments, getRoleRules, listRoles, treeOrder } from "@/lib/permissions/queries";
import { formVersion } from "@/lib/actions/form-version";
import { clientRightField } from "@/lib/permissions/rules-form";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";
import { AssignmentFields } from "@/app/_components/permissions/assignment-fields";
import { RulesTable } from "@/app/_components/permissions/rules-table";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";

export const generateMetadata = titled("titles.accessPermissions");

export default async function PermissionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireAdmin();
  const { t } = await getI18n();
  const db = await getDb();
  const roles = await listRoles(db, viewer.orgId);
  const role = roles.find((r) => String(r.id) === params.role) ?? roles[0];
  const [pipelines, users, departments, rules, assignments] = await Promise.all([
    getPipelines(db, viewer.orgId),
    getUsers(db, viewer.orgId),
    getDepartments(db, viewer.orgId),
    role ? getRoleRules(db, viewer.orgId, role.id) : Promise.resolve(new Map()),
    role ? getRoleAssignments(db, viewer.orgId, role.id) : Promise.resolve([]),
  ]);

  return (
    <>
      <h1>{t("permissions.title")}</h1>
      <SettingsNav t={t} admin current="permissions" />
      <Notice value={params.notice} t={t} />
      <div className="permissions-layout">
        <aside className="card-section role-list">
          <h2>{t("permissions.roles")}</h2>
          <ul className="plain">
            {roles.map((r) => (
              <li key={r.id}>
                <Link href={`/settings/permissions?role=${r.id}`} aria-current={r.id === role?.id ? "page" : undefined}>
                  {r.name}
                </Link>{" "}
                <span className="muted">({r.assignments})</span>
              </li>
            ))}
          </ul>
          <ActionForm action={createRoleAction} className="form" label={t("permissions.newRole")}>
            <h3>{t("permissions.newRole")}</h3>
            <label className="field">
              <span>{t("permissions.roleName")}</span>
              <input name="name" required maxLength={100} />
            </label>
            <label className="field">
              <span>{t("permissions.cloneFrom")}</span>
              <select name="cloneFromId" defaultValue="">
                <option value="">{t("permissions.cloneNone")}</option>
                {roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button">
              {t("permissions.create")}
            </button>
          </ActionForm>
        </aside>
        {role && (
          <div className="role-detail">
            <section className="card-section">
              <ActionForm action={renameRoleAction} record={`role:${role.id}`} version={role.name} className="inline-form" label={t("permissions.rename")}>
                <input type="hidden" name="roleId" value={role.id} />
                <label className="field">
                  <span>{t("permissions.roleName")}</span>
                  <input name="name" defaultValue={role.name} required maxLength={100} />
                </label>
                <button type="submit" className="button">
                  {t("permissions.rename")}
                </button>
                <Link href={`/settings/permissions?role=${role.id}&confirm=delete`} className="button danger">
                  {t("permissions.deleteRole")}
                </Link>
              </ActionForm>
              {params.confirm === "delete" && (
                <ActionForm action={deleteRoleAction} record={`role:${role.id}`} className="alert warning confirm-delete">
                  <p>{t("permissions.deleteRoleConfirm", { role: role.name })}</p>
                  <input type="hidden" name="roleId" value={role.id} />
                  <button type="submit" className="button danger">
                    {t("permissions.deleteRole")}
                  </button>
                  <Link href={`/settings/permissions?role=${role.id}`} className="button">
                    {t("common.cancel")}
                  </Link>
                </ActionForm>
              )}
            </section>
            <section className="card-section">
              <h2>{t("permissions.rules", { role: role.name })}</h2>
              <p className="muted">{t("permissions.rulesHelp")}</p>
              <ActionForm action={saveRoleRulesAction} record={`role:${role.id}`} version={formVersion({ rules, clients: role.clientRights })} label={t("permissions.rules", { role: role.name })}>
                <input type="hidden" name="roleId" value={role.id} />
                <RulesTable pipelines={pipelines} rules={rules} t={t} />
                <fieldset className="client-rights">
                  <legend>{t("permissions.clients")}</legend>
                  <label>
                    <input type="checkbox" name={clientRightField.add} defaultChecked={role.clientRights.add} /> {t("permissions.clientsAdd")}
                  </label>
                  <label>
                    <input type="checkbox" name={clientRightField.details} defaultChecked={role.clientRights.details} /> {t("permissions.clientsDetails")}
                  </label>
                </fieldset>
                <button type="submit" className="button primary">
                  {t("permissions.saveRules")}
                </button>
              </ActionForm>
            </section>
            <section className="card-section">
              <h2>{t("permissions.assignments")}</h2>
              <ActionForm action={saveAssignmentsAction} record={`role:${role.id}`} version={formVersion(assignments)} label={t("permissions.assignments")}>
                <input type="hidden" name="roleId" value={role.id} />
                <AssignmentFields users={users} departments={treeOrder(departments)} assignments={assignments} t={t} />
                <button type="submit" className="button primary">
                  {t("permissions.saveAssignments")}
                </button>
              </ActionForm>
            </section>
          </div>
        )}
      </div>
    </>
  );
}
