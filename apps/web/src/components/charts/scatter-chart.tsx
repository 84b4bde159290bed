'use client';
import { niceDomain, scaleLinear, tickDecimals } from '../../lib/chart-scale';
import { useWidth } from './use-width';

export interface ScatterPoint {
  x: number;
  y: number;
  label: string;
}

export interface ScatterSeries {
  name: string;
  points: readonly ScatterPoint[];
}

const MARGIN = { top: 16, right: 24, bottom: 48, left: 64 };
const HEIGHT = 280;

/** Points joined in order (one line per series): e.g. each stage's size against its fidelity. */
export function ScatterChart({
  series,
  xLabel,
  yLabel,
  formatX,
  formatY,
  description,
}: {
  series: readonly ScatterSeries[];
  xLabel: string;
  yLabel: string;
  formatX(value: number): string;
  /** Formats a y value; `decimals` is what the axis needs to tell its ticks apart. */
  formatY(value: number, decimals: number): string;
  description: string;
}) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const all = series.flatMap((s) => s.points);
  const x = niceDomain(all.map((p) => p.x), width < 420 ? 3 : 5, { includeZero: true });
  const y = niceDomain(all.map((p) => p.y), 4);
  const yDecimals = tickDecimals(y.ticks);
  const yLabels = y.ticks.map((tick) => formatY(tick, yDecimals));
  // Room for the longest tick label (about 7 px per character at 12 px) and the axis title.
  const left = Math.max(MARGIN.left, 28 + 7 * Math.max(...yLabels.map((label) => label.length)));
  const sx = scaleLinear(x.domain, left, width - MARGIN.right);
  const sy = scaleLinear(y.domain, HEIGHT - MARGIN.bottom, MARGIN.top);
  const right = width - MARGIN.right;
  return (
    <div ref={ref}>
      <svg className="chart" width="100%" height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={description}>
        <g className="grid" aria-hidden="true">
          {y.ticks.map((tick) => (
            <line key={`y${tick}`} x1={left} x2={width - MARGIN.right} y1={sy(tick)} y2={sy(tick)} />
          ))}
        </g>
        <g className="axis" aria-hidden="true">
          {y.ticks.map((tick, index) => (
            <text key={`yt${tick}`} x={left - 6} y={sy(tick)} textAnchor="end" dominantBaseline="middle">
              {yLabels[index]}
            </text>
          ))}
          {x.ticks.map((tick) => (
            <text key={`xt${tick}`} x={sx(tick)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
              {formatX(tick)}
            </text>
          ))}
          <line x1={left} x2={width - MARGIN.right} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom} />
          <text className="axis-label" x={(left + width - MARGIN.right) / 2} y={HEIGHT - 8} textAnchor="middle">
            {xLabel}
          </text>
          <text className="axis-label" transform={`translate(14 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
        </g>
        {series.map((s, index) => (
          <g key={s.name} className={`series-${(index % 3) + 1}`} aria-hidden="true">
            <polyline className={`line series-${(index % 3) + 1}`} points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />
            {s.points.map((p) => (
              <g key={`${s.name}-${p.label}`}>
                <circle cx={sx(p.x)} cy={sy(p.y)} r={5} />
                {/* Labels near the right edge go to the left of their point, so they are not cut off. */}
                <text x={sx(p.x) > right - 120 ? sx(p.x) - 8 : sx(p.x) + 8} y={sy(p.y) - 8} textAnchor={sx(p.x) > right - 120 ? 'end' : 'start'}>
                  {p.label}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      {series.length > 1 && (
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
