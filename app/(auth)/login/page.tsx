import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_PASSWORD, demoUsers } from "@/db/seed-data";
import { readCsrfToken, safeCallbackUrl } from "@/lib/auth/csrf";
import { decodeSignInError } from "@/lib/auth/sign-in-error";
import { WINDOW_MINUTES } from "@/lib/auth/throttle";
import { getViewer } from "@/lib/auth/viewer";
import { demoEnabled } from "@/lib/demo";
import { formatWait } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { LanguageSwitch } from "@/app/_components/language-switch";

export const generateMetadata = titled("titles.signIn");

/** After the trip through next-auth the callback URL is "/login?callbackUrl=…": take the inner one. */
function unwrapCallback(url: string): { callbackUrl: string; bounced: boolean } {
  if (!url.startsWith("/login?")) return { callbackUrl: url, bounced: false };
  const inner = new URLSearchParams(url.slice("/login?".length)).get("callbackUrl");
  return { callbackUrl: safeCallbackUrl(inner), bounced: true };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { callbackUrl, bounced } = unwrapCallback(safeCallbackUrl(params.callbackUrl));
  if (await getViewer()) redirect(callbackUrl);
  const csrfToken = await readCsrfToken();
  // next-auth sets its CSRF cookie on its own routes: its sign-in route sets it and sends the user
  // back here. The trip is marked, so a browser that refuses cookies is told so instead of looping.
  if (!csrfToken && !bounced) redirect(`/api/auth/signin?callbackUrl=${encodeURIComponent(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`)}`);

  // Back from that trip with the cookie: show the clean address.
  if (csrfToken && bounced) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);

  const { t, locale } = await getI18n();
  const refusal = !csrfToken ? decodeSignInError("CookiesRequired") : typeof params.error === "string" ? decodeSignInError(params.error) : null;
  const error = refusal ? t(`auth.errors.${refusal.code}`, { wait: formatWait(refusal.retryAfterSeconds ?? WINDOW_MINUTES * 60, locale) }) : null;
  const [demo] = demoEnabled() ? await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, demoUsers[0]!.email)).limit(1) : [];

  return (
    <main className="page narrow login">
      <div className="login-top">
        <strong className="brand">{t("app.name")}</strong>
        <LanguageSwitch locale={locale} back={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`} label={t("nav.language")} />
      </div>
      <h1>{t("auth.title")}</h1>
      {error && (
        <p className="alert error" role="alert" id="login-error">
          {error}
        </p>
      )}
      <form method="post" action="/api/auth/callback/credentials" className="form">
        <input type="hidden" name="csrfToken" value={csrfToken ?? ""} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label className="field">
          <span>{t("auth.email")}</span>
          <input name="email" type="email" autoComplete="username" required autoFocus aria-describedby={error ? "login-error" : undefined} />
        </label>
        <label className="field">
          <span>{t("auth.password")}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="button primary">
          {t("auth.submit")}
        </button>
      </form>
      {demo && (
        <aside className="hint">
          <h2>{t("auth.demoAccounts")}</h2>
          <p>
            <code>{demoUsers[0]!.email}</code> · <code>{demoUsers[3]!.email}</code> · <code>{DEMO_PASSWORD}</code>
          </p>
        </aside>
      )}
    </main>
  );
}
