/**
 * How a run reads on the terminal: the GraphQL selection the commands ask for, the per-stage
 * metrics table, and the exit code a finished run maps to.
 */
import { EdgepressError, ErrorCode, isErrorCode } from '@edgepress/errors';
import { renderTable } from '../format/table';
import { formatBytes, formatCount, formatMs } from '../format/units';

export const RUN_FIELDS = `
  id state progress message targetId attempt createdAt durationMs
  model { id name sizeBytes }
  error { code message }
  stages {
    index pluginName pluginVersion state attempt durationMs
    error { code message }
    artifact { id sizeBytes blobSha256 }
    metrics {
      sizeBytes gzipBytes parameters nonZeros bitsPerWeight sparsity
      latency { medianMs }
      estimate { latencyMs fits compatible }
      fidelity { cosine top1Agreement sqnrDb sqnrInfinite }
      accuracy { metric value deltaVsBaseline }
    }
  }
  report { id sizeBytes }`;

export interface StageView {
  index: number;
  pluginName: string;
  pluginVersion: string;
  state: string;
  attempt: number;
  durationMs: number | null;
  error: { code: string; message: string } | null;
  artifact: { id: string; sizeBytes: number; blobSha256: string } | null;
  metrics: {
    sizeBytes: number | null;
    gzipBytes: number | null;
    parameters: number | null;
    nonZeros: number | null;
    bitsPerWeight: number | null;
    sparsity: number | null;
    latency: { medianMs: number } | null;
    estimate: { latencyMs: number; fits: boolean; compatible: boolean } | null;
    fidelity: { cosine: number; top1Agreement: number; sqnrDb: number | null; sqnrInfinite: boolean } | null;
    accuracy: { metric: string; value: number; deltaVsBaseline: number | null } | null;
  } | null;
}

export interface RunView {
  id: string;
  state: string;
  progress: number;
  message: string;
  targetId: string;
  attempt: number;
  createdAt: string;
  durationMs: number | null;
  model: { id: string; name: string; sizeBytes: number };
  error: { code: string; message: string } | null;
  stages: StageView[];
  report: { id: string; sizeBytes: number } | null;
}

const dash = '-';
const fixed = (value: number | null | undefined, digits: number): string => (value === null || value === undefined ? dash : value.toFixed(digits));

/** One row per stage: size, compression, host latency, target estimate, fidelity, accuracy. */
export function stageMetricsTable(run: RunView): string {
  const rows = run.stages.map((stage) => {
    const m = stage.metrics;
    const sqnr = m?.fidelity ? (m.fidelity.sqnrInfinite ? 'inf' : fixed(m.fidelity.sqnrDb, 1)) : dash;
    const accuracy = m?.accuracy ? `${(m.accuracy.value * 100).toFixed(2)} %` : dash;
    return [
      String(stage.index + 1),
      `${stage.pluginName}@${stage.pluginVersion}`,
      stage.state.toLowerCase(),
      m?.sizeBytes == null ? dash : formatBytes(m.sizeBytes),
      m?.gzipBytes == null ? dash : formatBytes(m.gzipBytes),
      m?.nonZeros == null ? dash : formatCount(m.nonZeros),
      fixed(m?.bitsPerWeight, 2),
      m?.latency ? formatMs(m.latency.medianMs) : dash,
      m?.estimate ? formatMs(m.estimate.latencyMs) : dash,
      fixed(m?.fidelity?.cosine, 4),
      fixed(m?.fidelity?.top1Agreement, 4),
      sqnr,
      accuracy,
    ];
  });
  return renderTable(
    ['#', 'plugin', 'state', 'size', 'gzip', 'non-zeros', 'bits/w', 'host ms', 'target ms', 'cosine', 'top-1', 'SQNR dB', 'accuracy'],
    rows,
    [true, false, false, true, true, true, true, true, true, true, true, true, true],
  );
}

/** The model artifact of the last stage: what a finished run produced. */
export function finalModelArtifact(run: RunView): { id: string; sizeBytes: number } | null {
  const last = run.stages[run.stages.length - 1];
  return last?.artifact ?? null;
}

/**
 * A finished run as a command outcome: 0 when it succeeded; otherwise an EdgepressError with the
 * run's own error code (so a constraint that was not met exits 5, like `edgepress compress`).
 */
export function runOutcome(run: RunView): 0 {
  if (run.state === 'SUCCEEDED') return 0;
  if (run.state === 'CANCELLED') throw new EdgepressError(ErrorCode.CANCELLED, `Run ${run.id} was cancelled`);
  const code = run.error && isErrorCode(run.error.code) ? run.error.code : ErrorCode.INTERNAL;
  const failedStage = run.stages.find((stage) => stage.state === 'FAILED');
  const where = failedStage ? ` in stage ${failedStage.index + 1} (${failedStage.pluginName})` : '';
  throw new EdgepressError(code, `Run ${run.id} ${run.state.toLowerCase()}${where}: ${run.error?.code ?? 'no error recorded'}: ${run.error?.message ?? run.message}`);
}
