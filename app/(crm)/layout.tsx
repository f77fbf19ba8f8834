import Link from "next/link";
import { readCsrfToken } from "@/lib/auth/csrf";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { Avatar } from "@/app/_components/avatar";
import { CounterBar } from "@/app/_components/activities/counter-bar";
import { viewerCounters, viewerUnread } from "@/lib/activities/viewer-counters";

// Every CRM page depends on who is signed in.
export const dynamic = "force-dynamic";

export default async function CrmLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const [csrfToken, counters, unread] = await Promise.all([
    readCsrfToken(),
    viewerCounters(viewer),
    viewerUnread(viewer),
  ]);
  return (
    <>
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <Link href="/deals" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.menu")} className="main-nav">
          <span className="nav-item">
            <Link href="/deals">{t("nav.deals")}</Link>
            <CounterBar counters={counters} href={(kind) => `/deals?responsible=${viewer.id}&${kind}=1`} t={t} variant="nav" />
          </span>
          <Link href="/activities">{t("nav.activities")}</Link>
          <Link href="/deals/kanban">{t("board.title")}</Link>
          <Link href="/analytics">{t("nav.analytics")}</Link>
          <Link href="/settings">{t("nav.settings")}</Link>
        </nav>
        <div className="user-menu">
          <Link href="/notifications" className="bell" aria-label={t("notifications.bell", { count: unread })} data-testid="bell">
            {/* A drawn bell, not the emoji: phones and servers without an emoji font show a box. */}
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
              <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
            </svg>
            {unread > 0 && <span className="bell-count">{unread}</span>}
          </Link>
          <LanguageSwitch locale={locale} label={t("nav.language")} />
          <Avatar name={viewer.name} decorative />
          <span className="user-name" data-testid="current-user">
            {viewer.name}
          </span>
          {csrfToken ? (
            <form method="post" action="/api/auth/signout">
              <input type="hidden" name="csrfToken" value={csrfToken} />
              <input type="hidden" name="callbackUrl" value="/login" />
              <button type="submit" className="link-button">
                {t("nav.signOut")}
              </button>
            </form>
          ) : (
            <Link href="/api/auth/signout" prefetch={false}>
              {t("nav.signOut")}
            </Link>
          )}
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
