import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getPipelines, getUsers } from "@/lib/org/queries";
import { StageBadge } from "@/app/_components/stage-badge";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requireViewer();
  const { t } = await getI18n();
  const db = await getDb();
  const [pipelines, users] = await Promise.all([getPipelines(db, viewer.orgId), getUsers(db, viewer.orgId)]);
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsNav t={t} admin={viewer.access.superuser} current="general" />
      <section className="card-section">
        <h2>{t("settings.org")}</h2>
        <dl>
          <div className="kv">
            <dt>{t("settings.org")}</dt>
            <dd>{viewer.org.name}</dd>
          </div>
          <div className="kv">
            <dt>{t("settings.baseCurrency")}</dt>
            <dd>{viewer.org.baseCurrency}</dd>
          </div>
          <div className="kv">
            <dt>{t("settings.timezone")}</dt>
            <dd>{viewer.org.timezone}</dd>
          </div>
        </dl>
      </section>
      <section className="card-section">
        <h2>{t("settings.pipelines")}</h2>
        {pipelines.map((p) => (
          <div key={p.id} className="pipeline">
            <h3>
              {p.name} {p.isDefault && <span className="muted">({t("settings.default")})</span>}
            </h3>
            <ol className="stages">
              {p.stages.map((s) => (
                <li key={s.id}>
                  <StageBadge name={s.name} color={s.color} /> <span className="muted">{s.code} · {t(`deals.semantics.${s.semantics}`)}</span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>
      <section className="card-section">
        <h2>{t("settings.users")}</h2>
        <div className="table-scroll">
          <table>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>{u.departmentName ?? t("common.none")}</td>
                  <td>{u.isAdmin ? t("settings.admin") : u.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
