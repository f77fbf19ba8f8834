import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { loadFunnels } from "@/lib/analytics/funnel";
import { FunnelChart } from "@/app/_components/analytics/funnel-chart";
import { ExportLinks, ReportHeader } from "@/app/_components/analytics/report-header";
import { openReport, type ReportSearchParams } from "@/lib/analytics/report-page";

export const generateMetadata = titled("titles.analytics");

type Props = { searchParams: ReportSearchParams };

/** The sales funnel from stage history, per pipeline, for a period: over the deals the viewer may read. */
export default async function AnalyticsPage({ searchParams }: Props) {
  const { viewer, t, locale, db, report } = await openReport(searchParams);
  const funnels = await loadFunnels(db, viewer, report);
  return (
    <>
      <ReportHeader report={report} current="funnel" t={t} locale={locale} aside={<ExportLinks path="/analytics/export" report={report} t={t} />} />
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
