export type Bar = { key: string | number; label: string; value: number; display: string; href?: string; title: string };

const ROW = 30;
const WIDTH = 640;
const LABEL = 210;

/**
 * Horizontal bars as server-rendered SVG, each as long as its share of the largest, a link where
 * it has a drill-down, its figures in its title (the tooltip and the accessible name). Readable without JavaScript.
 */
export function BarChart({ bars, label, color = "var(--accent)" }: { bars: Bar[]; label: string; color?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${Math.max(1, bars.length) * ROW}`} role="group" aria-label={label}>
      {bars.map((bar, i) => {
        const y = i * ROW;
        const width = Math.max(2, ((WIDTH - LABEL - 120) * Math.max(0, bar.value)) / max);
        const content = (
          <>
            <title>{bar.title}</title>
            <text x={LABEL - 8} y={y + ROW / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">
              {bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label}
            </text>
            <rect x={LABEL} y={y + 4} width={width} height={ROW - 8} rx={3} fill={color} />
            <text x={LABEL + width + 6} y={y + ROW / 2} dominantBaseline="middle" className="chart-value">
              {bar.display}
            </text>
          </>
        );
        return bar.href ? (
          <a key={bar.key} href={bar.href}>
            {content}
          </a>
        ) : (
          <g key={bar.key} role="img">
            {content}
          </g>
        );
      })}
    </svg>
  );
}
