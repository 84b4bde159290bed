'use client';
import Link from 'next/link';
import { formatBytes, formatMs } from '../../lib/format';
import type { RunData } from '../../lib/run-metrics';

/** What the run executes: its target, datasets, constraints and each stage's pinned params. */
export function RunSpec({ run }: { run: RunData }) {
  const { spec } = run;
  const c = spec.constraints;
  const constraints = [
    c.maxSizeBytes != null ? `size ≤ ${formatBytes(c.maxSizeBytes)}` : null,
    c.maxAccuracyDrop != null ? `accuracy drop ≤ ${c.maxAccuracyDrop}` : null,
    c.maxFidelityDrop != null ? `fidelity drop ≤ ${c.maxFidelityDrop}` : null,
    c.maxEstimatedLatencyMs != null ? `estimated latency ≤ ${formatMs(c.maxEstimatedLatencyMs)}` : null,
  ].filter(Boolean);
  return (
    <>
      <h2 id="spec">Pipeline</h2>
      <dl className="specs">
        <dt>Model</dt>
        <dd>
          <Link href={`/models/${run.model.id}`}>{run.model.name}</Link>
        </dd>
        <dt>Target</dt>
        <dd>
          <Link href={`/targets/${encodeURIComponent(run.targetId)}`}>{run.target?.name ?? run.targetId}</Link>
        </dd>
        <dt>Calibration data</dt>
        <dd>{spec.calibrationDataset?.name ?? 'none'}</dd>
        <dt>Evaluation data</dt>
        <dd>{spec.evaluationDataset?.name ?? 'none'}</dd>
        <dt>Constraints</dt>
        <dd>{constraints.join(', ') || 'none'}</dd>
        {run.stages.map((stage) => (
          <div key={stage.index} className="visually-contents">
            <dt>
              Stage {stage.index + 1}: {stage.pluginName} {stage.pluginVersion}
            </dt>
            <dd>
              <code className="wrap-anywhere">{JSON.stringify(stage.params)}</code>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
