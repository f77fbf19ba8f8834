import type { Translate } from "@/lib/i18n/translate";
import { change } from "./funnel-math";
import type { PipelineFunnel } from "./funnel";
import { lastDay } from "./period";
import type { Report } from "./report";

/** The funnel report as one table (an export): a row per pipeline and stage, plain numbers for a spreadsheet. */
export function funnelTable(funnels: PipelineFunnel[], report: Report, t: Translate, currency: string): { header: string[]; rows: (string | number | null)[][]; numeric: Set<number> } {
  const comparing = report.previous !== null;
  const header = [
    t("analytics.period"),
    t("deals.fields.pipeline"),
    t("analytics.stage"),
    t("analytics.reached"),
    t("analytics.amount", { currency }),
    `${t("analytics.conversion")} %`,
    t("analytics.dropOff"),
    ...(comparing ? [t("analytics.before"), `${t("analytics.change")} %`] : []),
  ];
  const period = `${report.period.from} – ${lastDay(report.period)}`;
  const rows = funnels.flatMap((f) =>
    [...f.now.steps, ...f.now.lost].map((row) => {
      const previous = f.before ? [...f.before.steps, ...f.before.lost].find((s) => s.id === row.id)?.count ?? 0 : null;
      return [
        period,
        f.name,
        row.semantics === "F" ? `${t("analytics.lostReasons")}: ${row.name}` : row.name,
        row.count,
        row.sum,
        row.conversion,
        row.dropOff,
        ...(previous === null ? [] : [previous, change(row.count, previous)]),
      ];
    }),
  );
  return { header, rows, numeric: new Set([3, 4, 5, 6, 7, 8]) };
}
