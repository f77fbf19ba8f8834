import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { loadFunnels } from "@/lib/analytics/funnel";
import { lastDay } from "@/lib/analytics/period";
import { loadReport } from "@/lib/analytics/report";
import { analyticsQueryParams } from "@/lib/analytics/url-state";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDate } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { FunnelChart } from "@/app/_components/analytics/funnel-chart";
import { ReportFilters } from "@/app/_components/analytics/report-filters";
import { ReportTabs } from "@/app/_components/analytics/report-tabs";

export const metadata: Metadata = { title: "Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The sales funnel from stage history, per pipeline, for a period: over the deals the viewer may read. */
export default async function AnalyticsPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const report = await loadReport(db, viewer, await searchParams);
  const funnels = await loadFunnels(db, viewer, report);
  const range = (p: { from: string; to: string }) => ({ from: formatDate(p.from, locale), to: formatDate(lastDay(p), locale) });
  const exportQuery = analyticsQueryParams(report.query).toString();
  return (
    <>
      <h1>{t("analytics.title")}</h1>
      <ReportTabs current="funnel" query={exportQuery} t={t} />
      <p className="muted">{t("analytics.note")}</p>
      <ReportFilters report={report} action="/analytics" t={t} />
      <p className="report-period">
        <strong>{t("analytics.range", range(report.period))}</strong>
        {report.previous && <span className="muted"> · {t("analytics.previous", range(report.previous))}</span>}
        <span className="report-export">
          {t("analytics.export")}: <a href={`/analytics/export?format=csv&${exportQuery}`}>{t("analytics.csv")}</a> ·{" "}
          <a href={`/analytics/export?format=xlsx&${exportQuery}`}>{t("analytics.xlsx")}</a>
        </span>
      </p>
      {funnels.length === 0 && <p>{t("analytics.noPipelines")}</p>}
      {funnels.some((f) => f.now.steps.some((s) => s.unconverted)) && <p className="muted">{t("analytics.unconverted")}</p>}
      {funnels.map((funnel) => (
        <FunnelChart
          key={funnel.pipelineId}
          funnel={funnel}
          href={(stageId) => reachedListHref(report.filter, funnel.pipelineId, [stageId], report.period)}
          currency={viewer.org.baseCurrency}
          locale={locale}
          t={t}
        />
      ))}
    </>
  );
}
