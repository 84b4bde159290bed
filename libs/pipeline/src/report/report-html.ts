/**
 * report.html: one self-contained page (no script, no external resource; a Content-Security-
 * Policy forbids both) with the stage table, the constraints and three charts: size against
 * fidelity, latency per stage and per-class accuracy changes. It follows the reader's light or
 * dark colour scheme.
 *
 * Threat model: plugin names, parameters, model names and compatibility messages come from users
 * and plugin authors. Every string is escaped (escapeHtml) where it is embedded; numbers are
 * formatted by our code. The CSP is a second wall should an escape ever be missed.
 * Tests: report-html.test.ts.
 */
import { formatBytes, formatCount, formatDb, formatFraction, formatMs, formatPercent, formatSignedPercent } from './format';
import { escapeHtml } from './html-escape';
import type { Report, ReportStage } from './report-schema';
import { classDeltaChart, latencyChart, sizeFidelityChart } from './svg-charts';

const STYLE = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6576; --bg: #ffffff; --panel: #f4f6f9; --line: #d5dae2;
  --accent: #2563eb; --accent2: #d97706; --good: #15803d; --bad: #b91c1c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ef; --muted: #9aa4b5; --bg: #12161d; --panel: #1b212b; --line: #313a48;
    --accent: #60a5fa; --accent2: #fbbf24; --good: #4ade80; --bad: #f87171; }
}
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 1280px; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .85rem; }
th, td { text-align: right; padding: .35rem .6rem; border-bottom: 1px solid var(--line); white-space: nowrap; }
th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; }
thead th { background: var(--panel); }
.scroll { overflow-x: auto; }
.details dt { font-weight: 600; margin-top: .75rem; } .details dd { margin: .2rem 0 0 1.25rem; }
.details code { white-space: pre-wrap; word-break: break-word; font-size: .85rem; }
.met { color: var(--good); font-weight: 600; } .unmet { color: var(--bad); font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
figure { margin: 0; background: var(--panel); border-radius: 8px; padding: .75rem; }
figcaption { color: var(--muted); font-size: .85rem; }
.chart { width: 100%; height: auto; }
.chart .grid { stroke: var(--line); stroke-width: 1; } .chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .tick { fill: var(--muted); font-size: 11px; } .chart .axis-title { fill: var(--fg); font-size: 12px; }
.chart .series { fill: none; stroke: var(--accent); stroke-width: 2; } .chart .point { fill: var(--accent); }
.chart .point-label { fill: var(--fg); font-size: 12px; font-weight: 600; }
.chart .bar.host { fill: var(--accent); } .chart .bar.estimate { fill: var(--accent2); }
.chart .bar.worse { fill: var(--bad); } .chart .bar.better { fill: var(--good); }
.note { color: var(--muted); font-size: .85rem; }
`;

/** Renders the report as a standalone HTML document. */
export function renderReportHtml(report: Report): string {
  const entries: ReportStage[] = [report.baseline, ...report.stages];
  const title = `Edgepress report: ${report.model.name}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(metaLine(report))}</p>`,
    constraintsSection(report),
    '<h2>Stages</h2>',
    stageTable(entries),
    '<h2>Charts</h2>',
    `<div class="charts">${charts(entries).join('')}</div>`,
    `<p class="note">${escapeHtml(latencyNote(report))}</p>`,
    stageDetails(entries),
    '</body></html>',
    '',
  ].join('\n');
}

function metaLine(report: Report): string {
  const parts = [
    report.target === null ? 'no target' : `target ${report.target.name} (${report.target.id}, ${report.target.kind})`,
    `evaluation: ${report.data.evaluation ?? 'none'}`,
    `calibration: ${report.data.calibration ?? 'none'}`,
    ...(report.data.inputShapes === undefined ? [] : [`inputs ${Object.entries(report.data.inputShapes).map(([name, dims]) => `${name} [${dims.join(', ')}]`).join(', ')}`]),
    `created ${report.createdAt}`,
  ];
  return parts.join(' \u00b7 ');
}

function latencyNote(report: Report): string {
  return `Latency "this host" is ONNX Runtime ${report.host.onnxruntime} on ${report.host.cpu} (${report.host.logicalCores} logical cores), the warm median of repeated runs: a measurement on the machine that ran the pipeline, not on the target. "Target estimate" is the roofline model of the target, not a measurement. SQNR of identical outputs is infinite.`;
}

function constraintsSection(report: Report): string {
  if (report.constraints.length === 0) return '';
  const rows = report.constraints.map(
    (result) => `<li><span class="${result.met ? 'met' : 'unmet'}">${result.met ? '\u2714 met' : '\u2718 not met'}</span> ${escapeHtml(result.message)}</li>`,
  );
  const verdict = report.constraintsMet ? '<span class="met">all constraints met</span>' : '<span class="unmet">constraints not met</span>';
  return `<h2>Constraints: ${verdict}</h2><ul>${rows.join('')}</ul>`;
}

const COLUMNS = ['#', 'stage', 'size', 'gzip', 'parameters', 'non-zeros', 'bits/weight', 'latency (host)', 'estimate (target)', 'cosine', 'top-1 agree', 'SQNR', 'accuracy', '\u0394 accuracy'];

/** Each stage's params and what its plugin reported, below the table so the figures stay in view. */
function stageDetails(entries: readonly ReportStage[]): string {
  const items = entries.flatMap((entry, i) => {
    const parts: string[] = [];
    if (entry.params !== undefined && Object.keys(entry.params).length > 0) parts.push(`<dd><code>${escapeHtml(JSON.stringify(entry.params))}</code></dd>`);
    if (entry.summary !== undefined && Object.keys(entry.summary).length > 0) {
      const summary = Object.entries(entry.summary).map(([key, value]) => `${key}: ${String(value)}`).join(', ');
      parts.push(`<dd>${escapeHtml(summary)}</dd>`);
    }
    for (const note of entry.notes ?? []) parts.push(`<dd class="meta">${escapeHtml(note)}</dd>`);
    return parts.length === 0 ? [] : [`<dt>${i} ${escapeHtml(entry.plugin)}</dt>${parts.join('')}`];
  });
  return items.length === 0 ? '' : `<h2>Stage details</h2><dl class="details">${items.join('')}</dl>`;
}

function stageTable(entries: readonly ReportStage[]): string {
  const head = `<thead><tr>${COLUMNS.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead>`;
  const rows = entries.map((entry, i) => {
    const name = entry.version === undefined ? entry.plugin : `${entry.plugin}@${entry.version}`;
    const cells = [
      String(i),
      name,
      formatBytes(entry.sizeBytes),
      formatBytes(entry.gzipBytes),
      formatCount(entry.parameters),
      formatCount(entry.nonZeros),
      entry.bitsPerWeight === null ? '-' : entry.bitsPerWeight.toFixed(2),
      formatMs(entry.latencyMs),
      entry.estimate === null ? '-' : `${formatMs(entry.estimate.latencyMs)}${entry.estimate.complete ? '' : ' (partial)'}`,
      i === 0 ? '1 (baseline)' : formatFraction(entry.fidelity?.cosine, 5),
      i === 0 ? '1' : formatFraction(entry.fidelity?.top1Agreement, 4),
      i === 0 ? '-' : formatDb(entry.fidelity?.sqnrDb),
      entry.accuracy ? `${formatPercent(entry.accuracy.value, 2)} ${entry.accuracy.metric}` : '-',
      formatSignedPercent(entry.accuracy?.deltaVsBaseline, 2),
    ];
    return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  return `<div class="scroll"><table>${head}<tbody>${rows.join('')}</tbody></table></div>`;
}

function charts(entries: readonly ReportStage[]): string[] {
  const names = entries.map((entry, i) => `${i}: ${entry.plugin}`);
  const legend = `<figcaption>${escapeHtml(names.join(' \u00b7 '))}</figcaption>`;
  const figures: string[] = [];
  const fidelityPoints = entries.flatMap((entry, i) =>
    i === 0 ? [{ name: entry.plugin, sizeBytes: entry.sizeBytes, cosine: 1 }] : entry.fidelity === null ? [] : [{ name: entry.plugin, sizeBytes: entry.sizeBytes, cosine: entry.fidelity.cosine }],
  );
  figures.push(`<figure>${sizeFidelityChart(fidelityPoints)}${legend}</figure>`);
  const bars = entries.map((entry) => ({ name: entry.plugin, hostMs: entry.latencyMs, estimateMs: entry.estimate?.latencyMs ?? null }));
  figures.push(`<figure>${latencyChart(bars)}${legend}</figure>`);
  entries.forEach((entry, i) => {
    const deltas = entry.accuracy?.perClassDeltas;
    if (deltas === undefined || deltas.length === 0) return;
    const title = `Per-class accuracy change after stage ${i} (${entry.plugin})`;
    const worst = deltas[0];
    const caption = `${title}; worst: class ${worst.label} ${formatSignedPercent(worst.delta)}, average ${formatSignedPercent(entry.accuracy?.deltaVsBaseline)}`;
    figures.push(`<figure>${classDeltaChart(title, deltas)}<figcaption>${escapeHtml(caption)}</figcaption></figure>`);
  });
  return figures;
}
