import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { loadFunnels } from "@/lib/analytics/funnel";
import { loadReport } from "@/lib/analytics/report";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { FunnelChart } from "@/app/_components/analytics/funnel-chart";
import { ExportLinks, ReportHeader } from "@/app/_components/analytics/report-header";

export const metadata: Metadata = { title: "Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The sales funnel from stage history, per pipeline, for a period: over the deals the viewer may read. */
export default async function AnalyticsPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const report = await loadReport(db, viewer, await searchParams);
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
