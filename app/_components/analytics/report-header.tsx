import type { ReactNode } from "react";
import { lastDay, type Period } from "@/lib/analytics/period";
import type { Report } from "@/lib/analytics/report";
import { analyticsQueryParams } from "@/lib/analytics/url-state";
import { formatDate } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { ReportFilters } from "./report-filters";
import { ReportTabs, reportPaths, type ReportKey } from "./report-tabs";

/** What every analytics page starts with: its title, the reports' tabs, the filters, the period (and the one compared with), and the page's own links. */
export function ReportHeader({ report, current, t, locale, aside, grain }: { report: Report; current: ReportKey; t: Translate; locale: Locale; aside?: ReactNode; grain?: boolean }) {
  const range = (p: Period) => ({ from: formatDate(p.from, locale), to: formatDate(lastDay(p), locale) });
  return (
    <>
      <h1>{t("analytics.title")}</h1>
      <ReportTabs current={current} query={analyticsQueryParams(report.query).toString()} t={t} />
      <p className="muted">{t("analytics.note")}</p>
      <ReportFilters report={report} action={reportPaths[current]} t={t} grain={grain} />
      <p className="report-period">
        <strong>{t("analytics.range", range(report.period))}</strong>
        {report.previous && <span className="muted"> · {t("analytics.previous", range(report.previous))}</span>}
        {aside && <span className="report-export">{aside}</span>}
      </p>
    </>
  );
}

/** The export links of a report, for the same filters. */
export function ExportLinks({ path, report, t }: { path: string; report: Report; t: Translate }) {
  const query = analyticsQueryParams(report.query).toString();
  return (
    <>
      {t("analytics.export")}: <a href={`${path}?format=csv&${query}`}>{t("analytics.csv")}</a> · <a href={`${path}?format=xlsx&${query}`}>{t("analytics.xlsx")}</a>
    </>
  );
}
