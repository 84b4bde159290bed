/** The per-stage metrics of a run as a terminal table (report.json keeps the raw numbers). */
import type { StageMetrics, StageRecord } from '@edgepress/pipeline';
import { formatBytes, formatCount, formatMs } from '../format/units';
import { renderTable } from '../format/table';

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? (value === Infinity ? 'inf' : '-') : value.toFixed(digits);
}

function row(label: string, metrics: StageMetrics, baseline: StageMetrics): string[] {
  const ratio = metrics.sizeBytes === 0 ? '-' : `${(baseline.sizeBytes / metrics.sizeBytes).toFixed(2)}x`;
  return [
    label,
    formatBytes(metrics.sizeBytes),
    ratio,
    formatBytes(metrics.gzipBytes),
    formatCount(metrics.nonZeros),
    fixed(metrics.bitsPerWeight, 1),
    metrics.latency === null ? '-' : formatMs(metrics.latency.medianMs),
    metrics.estimate === null ? '-' : formatMs(metrics.estimate.latencyMs),
    fixed(metrics.fidelity?.cosine, 4),
    fixed(metrics.fidelity?.top1Agreement, 3),
    fixed(metrics.fidelity?.sqnrDb, 1),
    metrics.accuracy === null ? '-' : fixed(metrics.accuracy.value, 4),
  ];
}

export function metricsTable(baseline: StageMetrics, stages: readonly StageRecord[]): string {
  const header = ['stage', 'size', 'smaller', 'gzip', 'non-zeros', 'bits/w', 'latency', 'estimate', 'cosine', 'top-1', 'SQNR dB', 'accuracy'];
  const rows = [row('baseline', baseline, baseline), ...stages.map((stage, i) => row(`${i + 1} ${stage.plugin}`, stage.metrics, baseline))];
  return renderTable(header, rows, header.map((_h, i) => i > 0));
}
