import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { stageSummary } from "@/lib/deals/queries";
import { formatMaybeMoney, formatMoney } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { currencies } from "@/lib/money/money";
import { getPipelines } from "@/lib/org/queries";
import { StageBadge } from "@/app/_components/stage-badge";

export const metadata: Metadata = { title: "Analytics" };

/** The sales funnel: deals and amounts per stage, over the deals the viewer may read. */
export default async function AnalyticsPage() {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const [pipelines, summary] = await Promise.all([getPipelines(db, viewer.orgId), stageSummary(db, viewer)]);
  const usedCurrencies = currencies.filter((c) => summary.some((s) => s.currency === c));
  return (
    <>
      <h1>{t("analytics.title")}</h1>
      <p className="muted">{t("analytics.note")}</p>
      {pipelines.map((pipeline) => (
        <section key={pipeline.id} className="card-section">
          <h2>
            {t("analytics.funnel")}: {pipeline.name}
          </h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("analytics.stage")}</th>
                  <th scope="col" className="num">
                    {t("analytics.count")}
                  </th>
                  {usedCurrencies.map((c) => (
                    <th key={c} scope="col" className="num">
                      {t("analytics.amount", { currency: c })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {pipeline.stages.map((stage) => {
                  const rows = summary.filter((s) => s.stageId === stage.id);
                  return (
                    <tr key={stage.id}>
                      <td>
                        <StageBadge name={stage.name} color={stage.color} />
                      </td>
                      <td className="num">{rows.reduce((n, r) => n + r.count, 0)}</td>
                      {usedCurrencies.map((c) => {
                        const row = rows.find((r) => r.currency === c);
                        return (
                          <td key={c} className="num">
                            {row ? formatMaybeMoney(row.total, c, locale, t("common.hidden")) : formatMoney("0", c, locale)}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
