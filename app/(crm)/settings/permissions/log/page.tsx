import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { getPermissionLog } from "@/lib/permissions/queries";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";

export const generateMetadata = titled("titles.permissionChangeLog");

export default async function PermissionLogPage() {
  const viewer = await requireAdmin();
  const { t, locale } = await getI18n();
  const entries = await getPermissionLog(await getDb(), viewer.orgId);
  return (
    <>
      <h1>{t("permissions.log")}</h1>
      <SettingsNav t={t} admin current="log" />
      {entries.length === 0 ? (
        <p className="empty">{t("permissions.logEmpty")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="permission-log">
            <thead>
              <tr>
                <th scope="col">{t("permissions.logWhen")}</th>
                <th scope="col">{t("permissions.logWho")}</th>
                <th scope="col">{t("permissions.logWhat")}</th>
                <th scope="col">{t("permissions.logDetails")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(({ entry, userName }) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at, locale, viewer.org.timezone)}</td>
                  <td>{userName ?? t("deals.events.system")}</td>
                  <td>
                    {t(`permissions.actions.${entry.action.replace(".", "_")}` as MessageKey)} <strong>{entry.subject}</strong>
                  </td>
                  <td>
                    <code className="pre details">{JSON.stringify(entry.details, null, 1)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
