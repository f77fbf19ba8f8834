import Link from "next/link";
import { readCsrfToken } from "@/lib/auth/csrf";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { Avatar } from "@/app/_components/avatar";

// Every CRM page depends on who is signed in.
export const dynamic = "force-dynamic";

export default async function CrmLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const csrfToken = await readCsrfToken();
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
          <Link href="/deals">{t("nav.deals")}</Link>
          <Link href="/deals/kanban">{t("board.title")}</Link>
          <Link href="/analytics">{t("nav.analytics")}</Link>
          <Link href="/settings">{t("nav.settings")}</Link>
        </nav>
        <div className="user-menu">
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
