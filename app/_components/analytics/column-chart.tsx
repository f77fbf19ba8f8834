export type Column = { key: string; label: string; value: number; display: string; href?: string; title: string; before?: number };

const WIDTH = 760;
const HEIGHT = 240;
const AXIS = 22;
const TOP = 8;

/**
 * Vertical columns over time as server-rendered SVG: each as tall as its share of the largest, a
 * link where it has a drill-down, its figures in its title (hover). The previous period's value,
 * when compared, is a pale column behind. Labels are thinned to about a dozen so they never overlap.
 */
export function ColumnChart({ columns, label, color = "var(--ok)" }: { columns: Column[]; label: string; color?: string }) {
  const max = Math.max(1, ...columns.flatMap((c) => [c.value, c.before ?? 0]));
  const slot = WIDTH / Math.max(1, columns.length);
  const every = Math.ceil(columns.length / 12);
  const height = (value: number) => ((HEIGHT - AXIS - TOP) * Math.max(0, value)) / max;
  return (
    <svg className="chart chart-columns" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={label}>
      <line x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="chart-axis" />
      {columns.map((column, i) => {
        const x = i * slot;
        const h = height(column.value);
        const content = (
          <>
            <title>{column.title}</title>
            {column.before !== undefined && (
              <rect x={x + slot * 0.1} y={HEIGHT - AXIS - height(column.before)} width={slot * 0.8} height={height(column.before)} className="chart-before" />
            )}
            <rect x={x + slot * 0.2} y={HEIGHT - AXIS - Math.max(1, h)} width={slot * 0.6} height={Math.max(1, h)} rx={2} fill={color} />
            {i % every === 0 && (
              <text x={x + slot / 2} y={HEIGHT - 6} textAnchor="middle" className="chart-label">
                {column.label}
              </text>
            )}
          </>
        );
        return column.href ? (
          <a key={column.key} href={column.href}>
            {content}
          </a>
        ) : (
          <g key={column.key} role="img">
            {content}
          </g>
        );
      })}
    </svg>
  );
}
