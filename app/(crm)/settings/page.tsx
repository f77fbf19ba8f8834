import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getPipelines, getUsers } from "@/lib/org/queries";
import { getCurrencyRates } from "@/lib/org/currency-rates";
import { saveCurrencyRatesAction } from "@/lib/org/actions";
import { amountForInput, currencies } from "@/lib/money/money";
import { decimalSeparator } from "@/lib/i18n/format";
import { mayConfigureAutomationAnywhere, maySetUp } from "@/lib/permissions";
import Link from "next/link";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { StageBadge } from "@/app/_components/stage-badge";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";

export const generateMetadata = titled("titles.settings");

export default async function SettingsPage() {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const [pipelines, users, rates] = await Promise.all([getPipelines(db, viewer.orgId), getUsers(db, viewer.orgId), getCurrencyRates(db, viewer.orgId)]);
  const admin = maySetUp(viewer);
  const rateOf = (currency: string) => {
    const rate = rates.find((r) => r.currency === currency)?.rate;
    return rate ? amountForInput(rate, decimalSeparator(locale) as "." | ",") : "";
  };
  const others = currencies.filter((c) => c !== viewer.org.baseCurrency);
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsNav t={t} admin={admin} automation={mayConfigureAutomationAnywhere(viewer)} current="general" />
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
              {p.name} {p.isDefault && <span className="muted">({t("settings.default")})</span>}{" "}
              {admin && (
                <Link href={`/deals/kanban/stages?pipeline=${p.id}`} className="button small">
                  {t("settings.editStages")}
                </Link>
              )}
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
      <section className="card-section rates">
        <h2>{t("settings.currencyRates")}</h2>
        <p className="muted">{t("settings.currencyRatesHint", { base: viewer.org.baseCurrency })}</p>
        {admin ? (
          <ActionForm action={saveCurrencyRatesAction} version={formVersion(rates)} className="inline-form" label={t("settings.currencyRates")}>
            {others.map((c) => (
              <label key={c} className="field">
                <span>{t("settings.rate", { currency: c })}</span>
                <input name={`rate_${c}`} defaultValue={rateOf(c)} inputMode="decimal" placeholder={t("settings.noRate")} />
              </label>
            ))}
            <button type="submit" className="button small">
              {t("common.save")}
            </button>
          </ActionForm>
        ) : (
          <dl>
            {others.map((c) => (
              <div key={c} className="kv">
                <dt>{t("settings.rate", { currency: c })}</dt>
                <dd>{rateOf(c) ? `${rateOf(c)} ${viewer.org.baseCurrency}` : t("settings.noRate")}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section className="card-section">
        <h2>{t("settings.users")}</h2>
        <div className="table-scroll" tabIndex={0}>
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
