import Link from "next/link";
import { change } from "@/lib/analytics/funnel-math";
import type { PipelineFunnel } from "@/lib/analytics/funnel";
import { formatCount, formatMaybeMoney, formatPercent } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { ChartTable } from "./chart-table";

type Props = { funnel: PipelineFunnel; href: (stageId: number) => string; currency: string; locale: Locale; t: Translate };

const ROW = 34;
const WIDTH = 640;
const LABEL = 200;

/**
 * A pipeline's funnel as server-rendered SVG: one bar per stage, as wide as its share of the
 * deals that entered, each a link to the list of its deals; the numbers are also in the bars'
 * titles (hover), in a sentence, and in a table behind a toggle. Readable without JavaScript.
 */
export function FunnelChart({ funnel, href, currency, locale, t }: Props) {
  const { now, before } = funnel;
  const hidden = t("common.hidden");
  const money = (sum: string | null) => formatMaybeMoney(sum, currency, locale, hidden);
  const rows = [...now.steps, ...now.lost];
  const max = Math.max(1, ...rows.map((r) => r.count));
  const titleId = `funnel-${funnel.pipelineId}-title`;
  const worst = now.steps.slice(1).reduce<(typeof now.steps)[number] | null>((w, s) => ((s.dropOff ?? 0) > (w?.dropOff ?? 0) ? s : w), null);
  const worstFrom = worst ? now.steps[now.steps.indexOf(worst) - 1] : null;
  return (
    <section className="card-section funnel" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t("analytics.funnel")}: {funnel.name}
      </h2>
      <p className="chart-summary">
        {now.entered === 0
          ? t("analytics.summaryNone")
          : t("analytics.summary", { entered: formatCount(now.entered, locale), won: formatCount(now.won.count, locale), rate: formatPercent(now.winRate, locale) })}{" "}
        {worst && worstFrom && (worst.dropOff ?? 0) > 0 ? t("analytics.biggestDrop", { count: formatCount(worst.dropOff!, locale), from: worstFrom.name, to: worst.name }) : null}
      </p>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${rows.length * ROW}`} role="group" aria-label={t("analytics.chartLabel", { pipeline: funnel.name })}>
        {rows.map((row, i) => {
          const width = Math.max(2, ((WIDTH - LABEL - 110) * row.count) / max);
          const label = t("analytics.barLabel", { stage: row.name, count: formatCount(row.count, locale), amount: money(row.sum) });
          const y = i * ROW;
          const bar = (
            <>
              <title>{label}</title>
              <text x={LABEL - 8} y={y + ROW / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">
                {row.name}
              </text>
              <rect x={LABEL} y={y + 4} width={width} height={ROW - 8} rx={3} fill={row.color} opacity={row.semantics === "F" ? 0.6 : 1} />
              <text x={LABEL + width + 6} y={y + ROW / 2} dominantBaseline="middle" className="chart-value">
                {formatCount(row.count, locale)}
                {row.conversion !== null ? ` · ${formatPercent(row.conversion, locale)}` : ""}
              </text>
            </>
          );
          return row.count > 0 ? (
            <a key={row.id} href={href(row.id)}>
              {bar}
            </a>
          ) : (
            <g key={row.id} role="img">
              {bar}
            </g>
          );
        })}
      </svg>
      <ChartTable t={t}>
            <thead>
              <tr>
                <th scope="col">{t("analytics.stage")}</th>
                <th scope="col" className="num">
                  {t("analytics.reached")}
                </th>
                <th scope="col" className="num">
                  {t("analytics.amount", { currency })}
                </th>
                <th scope="col" className="num">
                  {t("analytics.conversion")}
                </th>
                <th scope="col" className="num">
                  {t("analytics.dropOff")}
                </th>
                {before && (
                  <>
                    <th scope="col" className="num">
                      {t("analytics.before")}
                    </th>
                    <th scope="col" className="num">
                      {t("analytics.change")}
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const previous = before ? [...before.steps, ...before.lost].find((s) => s.id === row.id) : null;
                return (
                  <tr key={row.id}>
                    <th scope="row">{row.semantics === "F" ? `${t("analytics.lostReasons")}: ${row.name}` : row.name}</th>
                    <td className="num">{row.count > 0 ? <Link href={href(row.id)}>{formatCount(row.count, locale)}</Link> : 0}</td>
                    <td className="num">{money(row.sum)}</td>
                    <td className="num">{formatPercent(row.conversion, locale)}</td>
                    <td className="num">{row.dropOff !== null ? formatCount(row.dropOff, locale) : "—"}</td>
                    {before && (
                      <>
                        <td className="num">{formatCount(previous?.count ?? 0, locale)}</td>
                        <td className="num">{formatPercent(change(row.count, previous?.count ?? 0), locale, { signed: true })}</td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </ChartTable>
    </section>
  );
}
