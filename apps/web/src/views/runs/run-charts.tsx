'use client';
import { useState } from 'react';
import { BarChart } from '../../components/charts/bar-chart';
import { ChartFigure } from '../../components/charts/chart-figure';
import { ScatterChart, type ScatterSeries } from '../../components/charts/scatter-chart';
import { SelectField } from '../../components/form-fields';
import { formatBytes, formatMs, formatPercent, formatPointDelta } from '../../lib/format';
import { classDeltas, latencyRows, sizeAccuracyPoints, sizeFidelityPoints, type RunData } from '../../lib/run-metrics';

function SizeQualityChart({ runs, names }: { runs: readonly RunData[]; names: readonly string[] }) {
  const hasAccuracy = runs.some((run) => sizeAccuracyPoints(run).length > 0);
  const [metric, setMetric] = useState<'fidelity' | 'accuracy'>('fidelity');
  const useAccuracy = metric === 'accuracy' && hasAccuracy;
  const series: ScatterSeries[] = runs.map((run, index) => ({ name: names[index], points: useAccuracy ? sizeAccuracyPoints(run) : sizeFidelityPoints(run) }));
  const yLabel = useAccuracy ? 'Task accuracy' : 'Fidelity (mean cosine)';
  const id = `size-quality-${runs.map((run) => run.id).join('-')}`;
  return (
    <ChartFigure
      id={id}
      title={`Size against ${useAccuracy ? 'accuracy' : 'fidelity'} per stage`}
      columns={[{ label: 'Run' }, { label: 'Point' }, { label: 'Size', numeric: true }, { label: yLabel, numeric: true }]}
      rows={series.flatMap((s) => s.points.map((p) => [s.name, p.label, formatBytes(p.x), useAccuracy ? formatPercent(p.y, 2) : p.y.toFixed(4)]))}
    >
      {hasAccuracy && (
        <SelectField
          label="Quality measure"
          value={metric}
          onChange={(value) => setMetric(value as 'fidelity' | 'accuracy')}
          options={[
            { value: 'fidelity', label: 'Fidelity (cosine against the original outputs)' },
            { value: 'accuracy', label: 'Task accuracy (evaluation data)' },
          ]}
        />
      )}
      <ScatterChart
        series={series}
        xLabel="Model size"
        yLabel={yLabel}
        formatX={formatBytes}
        formatY={(value, decimals) => (useAccuracy ? formatPercent(value, Math.max(0, decimals - 2)) : value.toFixed(Math.max(2, decimals)))}
        description={`${yLabel} against model size, from the original model through each stage: ${series
          .map((s) => s.points.map((p) => `${p.label} ${formatBytes(p.x)} ${p.y.toFixed(3)}`).join('; '))
          .join(' | ')}`}
      />
    </ChartFigure>
  );
}

function LatencyChart({ run, name }: { run: RunData; name: string }) {
  const rows = latencyRows(run);
  if (rows.categories.length === 0) return null;
  const hasMeasured = rows.measured.some((value) => value !== null);
  const hasEstimated = rows.estimated.some((value) => value !== null);
  const series = [
    ...(hasMeasured ? [{ name: 'Measured on the worker host (ONNX Runtime median)', values: rows.measured }] : []),
    ...(hasEstimated ? [{ name: `Estimated on ${run.target?.name ?? run.targetId} (roofline)`, values: rows.estimated }] : []),
  ];
  return (
    <ChartFigure
      id={`latency-${run.id}`}
      title={`Latency per stage${name ? ` (${name})` : ''}`}
      columns={[{ label: 'Stage' }, ...series.map((s) => ({ label: s.name, numeric: true }))]}
      rows={rows.categories.map((category, index) => [category, ...series.map((s) => formatMs(s.values[index]))])}
    >
      <BarChart
        categories={rows.categories}
        series={series}
        format={formatMs}
        description={`Latency per stage: ${rows.categories.map((category, index) => `${category}: ${series.map((s) => `${formatMs(s.values[index])}`).join(' / ')}`).join('; ')}`}
      />
    </ChartFigure>
  );
}

function ClassDeltaChart({ run }: { run: RunData }) {
  const found = classDeltas(run);
  if (!found) return null;
  const shown = found.deltas.slice(0, 20);
  return (
    <ChartFigure
      id={`class-deltas-${run.id}`}
      title={`Per-class accuracy change after stage ${found.stage} (worst ${shown.length})`}
      columns={[{ label: 'Class' }, { label: 'Baseline', numeric: true }, { label: 'Now', numeric: true }, { label: 'Change', numeric: true }, { label: 'Samples', numeric: true }]}
      rows={shown.map((row) => [String(row.label), formatPercent(row.baselineAccuracy), formatPercent(row.accuracy), formatPointDelta(row.delta), row.samples])}
    >
      <BarChart
        categories={shown.map((row) => `class ${row.label}`)}
        series={[{ name: 'Change', values: shown.map((row) => row.delta) }]}
        format={formatPointDelta}
        diverging
        description={`Accuracy change per class against the original model: ${shown.map((row) => `class ${row.label} ${formatPointDelta(row.delta)}`).join(', ')}`}
      />
    </ChartFigure>
  );
}

/** The run page's charts; with two runs (the comparison) the size chart overlays both. */
export function RunCharts({ runs, names }: { runs: readonly RunData[]; names: readonly string[] }) {
  const measured = runs.some((run) => run.stages.some((stage) => stage.metrics));
  if (!measured) return <p className="state">Charts appear as soon as the first stage has been measured.</p>;
  return (
    <div className="charts">
      <SizeQualityChart runs={runs} names={names} />
      {runs.map((run, index) => (
        <LatencyChart key={`latency-${run.id}`} run={run} name={runs.length > 1 ? names[index] : ''} />
      ))}
      {runs.map((run) => (
        <ClassDeltaChart key={`deltas-${run.id}`} run={run} />
      ))}
    </div>
  );
}
