import { setLocaleAction } from "@/lib/i18n/actions";
import { localeNames, locales, type Locale } from "@/lib/i18n/translate";

/** A form per language: a plain post that sets the cookie, so it works without JavaScript. */
export function LanguageSwitch({ locale, back, label }: { locale: Locale; back?: string; label: string }) {
  return (
    <nav aria-label={label} className="language-switch">
      {locales.map((option) => (
        <form key={option} action={setLocaleAction}>
          <input type="hidden" name="locale" value={option} />
          {back && <input type="hidden" name="back" value={back} />}
          <button type="submit" lang={option} aria-pressed={option === locale} className={option === locale ? "current" : undefined}>
            {localeNames[option]}
          </button>
        </form>
      ))}
    </nav>
  );
}
