/**
 * Inline SVG charts for the HTML report, drawn here so that the report needs no script and no
 * external resource. Colours come from CSS classes defined by the page (light and dark). Every
 * string placed in the SVG goes through escapeHtml.
 */
import { formatBytes, formatMs, formatSignedPercent, niceTicks } from './format';
import { escapeHtml } from './html-escape';

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { left: 72, right: 24, top: 20, bottom: 52 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

interface Scale {
  (value: number): number;
  readonly ticks: number[];
}

function linearScale(min: number, max: number, from: number, to: number, tickCount = 5): Scale {
  const span = max - min || 1;
  const scale = ((value: number) => from + ((value - min) / span) * (to - from)) as Scale;
  return Object.assign(scale, { ticks: niceTicks(min, max, tickCount) });
}

function svgOpen(label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}" class="chart">`;
}

function yAxis(scale: Scale, format: (value: number) => string, title: string): string {
  const lines = scale.ticks.map((tick) => {
    const y = scale(tick).toFixed(1);
    return `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}"/><text class="tick" x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(format(tick))}</text>`;
  });
  const middle = MARGIN.top + PLOT_H / 2;
  return `${lines.join('')}<text class="axis-title" transform="translate(16 ${middle}) rotate(-90)" text-anchor="middle">${escapeHtml(title)}</text>`;
}

function frame(): string {
  const bottom = MARGIN.top + PLOT_H;
  return `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${bottom}" y2="${bottom}"/><line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${bottom}"/>`;
}

export interface SizeFidelityPoint {
  readonly name: string;
  readonly sizeBytes: number;
  /** Mean cosine similarity against the baseline (1 for the baseline itself). */
  readonly cosine: number;
}

/** Model size (x) against fidelity (y), one numbered point per stage, joined in stage order. */
export function sizeFidelityChart(points: readonly SizeFidelityPoint[]): string {
  const maxSize = Math.max(...points.map((point) => point.sizeBytes), 1);
  const minCosine = Math.min(...points.map((point) => point.cosine), 0.99);
  const low = Math.max(-1, minCosine - Math.max((1 - minCosine) * 0.15, 0.001));
  const x = linearScale(0, maxSize * 1.08, MARGIN.left, WIDTH - MARGIN.right);
  const y = linearScale(low, 1, MARGIN.top + PLOT_H, MARGIN.top);
  const xTicks = x.ticks.map((tick) => `<text class="tick" x="${x(tick).toFixed(1)}" y="${MARGIN.top + PLOT_H + 18}" text-anchor="middle">${escapeHtml(formatBytes(tick))}</text>`);
  const path = points.map((point, i) => `${i === 0 ? 'M' : 'L'}${x(point.sizeBytes).toFixed(1)},${y(point.cosine).toFixed(1)}`).join(' ');
  const marks = points.map((point, i) => {
    const cx = x(point.sizeBytes).toFixed(1);
    const cy = y(point.cosine).toFixed(1);
    const tip = `${i}: ${point.name}, ${formatBytes(point.sizeBytes)}, cosine ${point.cosine.toFixed(5)}`;
    return `<g><title>${escapeHtml(tip)}</title><circle class="point" cx="${cx}" cy="${cy}" r="5"/><text class="point-label" x="${cx}" y="${cy}" dx="8" dy="-8">${i}</text></g>`;
  });
  return [
    svgOpen('Model size against fidelity per stage'),
    yAxis(y, (value) => value.toFixed(Math.max(2, -Math.floor(Math.log10(Math.max(1 - low, 1e-6))) + 1)), 'cosine vs baseline'),
    xTicks.join(''),
    `<text class="axis-title" x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 8}" text-anchor="middle">model size</text>`,
    frame(),
    `<path class="series" d="${path}"/>`,
    marks.join(''),
    '</svg>',
  ].join('');
}

export interface LatencyBar {
  readonly name: string;
  /** ONNX Runtime median on this host. */
  readonly hostMs: number | null;
  /** libs/targets roofline estimate on the target. */
  readonly estimateMs: number | null;
}

/** Latency per stage: this host's ONNX Runtime median and the target estimate side by side. */
export function latencyChart(bars: readonly LatencyBar[]): string {
  const values = bars.flatMap((bar) => [bar.hostMs ?? 0, bar.estimateMs ?? 0]);
  const max = Math.max(...values, 0.001) * 1.1;
  const y = linearScale(0, max, MARGIN.top + PLOT_H, MARGIN.top);
  const group = PLOT_W / Math.max(bars.length, 1);
  const barWidth = Math.min(40, group * 0.35);
  const bottom = MARGIN.top + PLOT_H;
  const rects = bars.map((bar, i) => {
    const center = MARGIN.left + group * (i + 0.5);
    const parts: string[] = [];
    const series: [number | null, string, string, number][] = [
      [bar.hostMs, 'bar host', 'this host (ONNX Runtime)', -barWidth],
      [bar.estimateMs, 'bar estimate', 'target estimate', 0],
    ];
    for (const [value, cls, what, offset] of series) {
      if (value === null) continue;
      const top = y(value);
      parts.push(`<rect class="${cls}" x="${(center + offset).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.max(bottom - top, 0).toFixed(1)}"><title>${escapeHtml(`${i}: ${bar.name}, ${what}: ${formatMs(value)}`)}</title></rect>`);
    }
    parts.push(`<text class="tick" x="${center.toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${i}</text>`);
    return parts.join('');
  });
  const legend = `<rect class="bar host" x="${WIDTH - 300}" y="4" width="10" height="10"/><text class="tick" x="${WIDTH - 286}" y="13">this host (ONNX Runtime)</text><rect class="bar estimate" x="${WIDTH - 130}" y="4" width="10" height="10"/><text class="tick" x="${WIDTH - 116}" y="13">target estimate</text>`;
  return [
    svgOpen('Latency per stage'),
    yAxis(y, (value) => formatMs(value), 'latency'),
    `<text class="axis-title" x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 8}" text-anchor="middle">stage</text>`,
    frame(),
    rects.join(''),
    legend,
    '</svg>',
  ].join('');
}

export interface ClassDelta {
  readonly label: number;
  readonly delta: number;
  readonly baselineAccuracy: number;
  readonly accuracy: number;
}

/** Per-class accuracy change against the baseline, one bar per class around a zero line (negative: worse). */
export function classDeltaChart(title: string, deltas: readonly ClassDelta[]): string {
  const sorted = [...deltas].sort((a, b) => a.label - b.label);
  const extent = Math.max(...sorted.map((entry) => Math.abs(entry.delta)), 0.01) * 1.15;
  const y = linearScale(-extent, extent, MARGIN.top + PLOT_H, MARGIN.top);
  const slot = PLOT_W / Math.max(sorted.length, 1);
  const barWidth = Math.max(Math.min(slot * 0.7, 40), 1);
  const zero = y(0);
  const showLabels = sorted.length <= 40;
  const rects = sorted.map((entry, i) => {
    const left = MARGIN.left + slot * i + (slot - barWidth) / 2;
    const top = Math.min(y(entry.delta), zero);
    const height = Math.abs(y(entry.delta) - zero);
    const tip = `class ${entry.label}: ${(entry.baselineAccuracy * 100).toFixed(1)} % -> ${(entry.accuracy * 100).toFixed(1)} % (${formatSignedPercent(entry.delta)})`;
    const label = showLabels ? `<text class="tick" x="${(left + barWidth / 2).toFixed(1)}" y="${MARGIN.top + PLOT_H + 18}" text-anchor="middle">${entry.label}</text>` : '';
    return `<rect class="bar ${entry.delta < 0 ? 'worse' : 'better'}" x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}"><title>${escapeHtml(tip)}</title></rect>${label}`;
  });
  return [
    svgOpen(title),
    yAxis(y, (value) => formatSignedPercent(value, 0), 'accuracy change'),
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${zero.toFixed(1)}" y2="${zero.toFixed(1)}"/>`,
    `<text class="axis-title" x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 8}" text-anchor="middle">class</text>`,
    rects.join(''),
    '</svg>',
  ].join('');
}
