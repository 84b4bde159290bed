'use client';
import { niceDomain, scaleLinear } from '../../lib/chart-scale';
import { useWidth } from './use-width';

export interface BarSeries {
  name: string;
  values: readonly (number | null)[];
}

const ROW_GAP = 10;
const BAR = 14;

/**
 * Horizontal bars, one group per category (long category names stay readable on phones).
 * Negative values grow leftwards from zero (class accuracy deltas); `tone` colours them.
 */
export function BarChart({
  categories,
  series,
  format,
  description,
  diverging = false,
}: {
  categories: readonly string[];
  series: readonly BarSeries[];
  format(value: number): string;
  description: string;
  diverging?: boolean;
}) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const labelWidth = Math.min(180, Math.max(80, Math.floor(width * 0.3)));
  const margin = { top: 8, right: 64, bottom: 28, left: labelWidth + 8 };
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const x = niceDomain(values, width < 420 ? 3 : 5, { includeZero: true });
  const sx = scaleLinear(x.domain, margin.left, width - margin.right);
  const group = series.length * BAR + ROW_GAP;
  const height = margin.top + categories.length * group + margin.bottom;
  const zero = sx(0);
  return (
    <div ref={ref}>
      <svg className="chart" width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={description}>
        <g className="grid" aria-hidden="true">
          {x.ticks.map((tick) => (
            <line key={tick} x1={sx(tick)} x2={sx(tick)} y1={margin.top} y2={height - margin.bottom} />
          ))}
        </g>
        <g className="axis" aria-hidden="true">
          {x.ticks.map((tick) => (
            <text key={tick} x={sx(tick)} y={height - 8} textAnchor="middle">
              {format(tick)}
            </text>
          ))}
          <line x1={zero} x2={zero} y1={margin.top} y2={height - margin.bottom} />
        </g>
        {categories.map((category, row) => {
          const top = margin.top + row * group;
          return (
            <g key={category} aria-hidden="true">
              <text x={labelWidth} y={top + (series.length * BAR) / 2} textAnchor="end" dominantBaseline="middle">
                {category.length > 26 ? `${category.slice(0, 25)}…` : category}
              </text>
              {series.map((s, index) => {
                const value = s.values[row];
                if (value === null || value === undefined) return null;
                const end = sx(value);
                const tone = diverging ? (value < 0 ? 'negative' : 'positive') : `series-${(index % 3) + 1}`;
                return (
                  <g key={s.name}>
                    <rect className={tone} x={Math.min(zero, end)} y={top + index * BAR} width={Math.max(1, Math.abs(end - zero))} height={BAR - 2} rx={2} />
                    <text x={Math.max(zero, end) + 4} y={top + index * BAR + BAR / 2} dominantBaseline="middle">
                      {format(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && !diverging && (
        <ul className="legend">
          {series.map((s, index) => (
            <li key={s.name}>
              <span className={`swatch series-${(index % 3) + 1}`} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
