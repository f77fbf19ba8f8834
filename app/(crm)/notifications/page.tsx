import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { markNotificationsReadAction } from "@/lib/activities/actions";
import { recentNotifications } from "@/lib/activities/notifications";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { ActionForm } from "@/app/_components/action-form";

export const generateMetadata = titled("titles.notifications");

export default async function NotificationsPage() {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const tz = viewer.org.timezone;
  const items = await recentNotifications(await getDb(), viewer);
  const unread = items.some((n) => !n.readAt);
  return (
    <>
      <div className="page-head">
        <h1>{t("notifications.title")}</h1>
        {unread && (
          <ActionForm action={markNotificationsReadAction} label={t("notifications.markAllRead")}>
            <button type="submit" className="button">
              {t("notifications.markAllRead")}
            </button>
          </ActionForm>
        )}
      </div>
      {items.length === 0 ? (
        <p className="empty">{t("notifications.empty")}</p>
      ) : (
        <ul className="timeline" data-testid="notifications">
          {items.map((n) => {
            const d = n.data;
            const deal = String(d.dealTitle ?? "");
            const text =
              n.kind === "reminder"
                ? t("notifications.reminder", { subject: String(d.subject ?? ""), deal, when: formatDateTime(new Date(String(d.deadline)), locale, tz) })
                : n.kind === "robot"
                  ? t("notifications.robot", { deal, text: String(d.text ?? "") })
                  : n.kind === "document"
                    ? t("notifications.quoteAnswered", { deal, number: String(d.number ?? ""), status: t(d.status === "approved" ? "documents.statuses.approved" : "documents.statuses.declined"), comment: String(d.comment ?? "") })
                    : t("notifications.mention", { author: String(d.author ?? ""), deal, excerpt: String(d.excerpt ?? "") });
            return (
              <li key={n.id} className={n.readAt ? "done" : "unread"}>
                {n.dealId ? (
                  // A plain link: the route answers with a redirect to the card (and its #timeline).
                  <a href={`/notifications/${n.id}/open`}>{text}</a>
                ) : (
                  text
                )}
                <div className="muted">{formatDateTime(n.createdAt, locale, tz)}</div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
