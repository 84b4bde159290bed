/**
 * The metrics document a worker stores for a stage (libs/pipeline's StageMetrics, as JSON) in the
 * shape of the GraphQL StageMetrics. Read defensively: each figure is shown when it is there and
 * has the right type, and the whole document stays available as `raw`.
 */

type Doc = Record<string, unknown>;

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const obj = (value: unknown): Doc | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Doc) : null);
const list = (value: unknown): Doc[] => (Array.isArray(value) ? value.map(obj).filter((item): item is Doc => item !== null) : []);

/** SQNR is written as a number, or "Infinity"/"-Infinity" (JSON has no infinities). */
function sqnr(value: unknown): { sqnrDb: number | null; sqnrInfinite: boolean } {
  if (value === 'Infinity' || value === Number.POSITIVE_INFINITY) return { sqnrDb: null, sqnrInfinite: true };
  return { sqnrDb: num(value), sqnrInfinite: false };
}

export function toStageMetricsView(metrics: Doc) {
  const parameters = num(metrics.parameters);
  const nonZeros = num(metrics.nonZeros);
  return {
    sizeBytes: num(metrics.sizeBytes),
    gzipBytes: num(metrics.gzipBytes),
    parameters,
    nonZeros,
    sparsity: parameters !== null && nonZeros !== null && parameters > 0 ? 1 - nonZeros / parameters : null,
    weightBytes: num(metrics.weightBytes),
    bitsPerWeight: num(metrics.bitsPerWeight),
    latency: latencyOf(obj(metrics.latency)),
    estimate: estimateOf(obj(metrics.estimate)),
    fidelity: fidelityOf(obj(metrics.fidelity)),
    accuracy: accuracyOf(obj(metrics.accuracy), metrics),
    evaluatedSamples: num(metrics.evaluatedSamples),
    raw: metrics,
  };
}

function latencyOf(latency: Doc | null) {
  const median = num(latency?.medianMs);
  if (!latency || median === null) return null;
  return {
    medianMs: median,
    p90Ms: num(latency.p90Ms) ?? median,
    minMs: num(latency.minMs) ?? median,
    meanMs: num(latency.meanMs) ?? median,
    runs: num(latency.runs) ?? 0,
    hostCpu: str(obj(latency.host)?.cpu),
  };
}

function estimateOf(estimate: Doc | null) {
  const latencyMs = num(estimate?.latencyMs);
  if (!estimate || latencyMs === null) return null;
  return {
    targetId: str(estimate.targetId) ?? '',
    latencyMs,
    energyMj: num(estimate.energyMj) ?? 0,
    complete: estimate.complete === true,
    compatible: estimate.compatible === true,
    fits: estimate.fits === true,
    issues: list(estimate.issues).map((issue) => ({ code: str(issue.code) ?? '', severity: str(issue.severity) ?? '', message: str(issue.message) ?? '' })),
  };
}

function fidelityOf(fidelity: Doc | null) {
  const cosine = num(fidelity?.cosine);
  if (!fidelity || cosine === null) return null;
  const outputs = Object.entries(obj(fidelity.outputs) ?? {}).flatMap(([output, value]) => {
    const figures = obj(value);
    const outputCosine = num(figures?.cosine);
    return figures && outputCosine !== null ? [{ output, cosine: outputCosine, top1Agreement: num(figures.top1Agreement) ?? 0, ...sqnr(figures.sqnrDb) }] : [];
  });
  return {
    cosine,
    top1Agreement: num(fidelity.top1Agreement) ?? 0,
    ...sqnr(fidelity.sqnrDb),
    maxAbsError: num(fidelity.maxAbsError),
    meanAbsError: num(fidelity.meanAbsError),
    outputs,
  };
}

function accuracyOf(accuracy: Doc | null, metrics: Doc) {
  const value = num(accuracy?.value);
  if (!accuracy || value === null) return null;
  const deltas = accuracy.perClassDeltas ?? metrics.perClassDeltas;
  return {
    metric: str(accuracy.metric) ?? 'accuracy',
    value,
    samples: num(accuracy.samples) ?? 0,
    deltaVsBaseline: num(accuracy.deltaVsBaseline ?? metrics.accuracyDelta),
    figures: Object.entries(obj(accuracy.figures) ?? {}).flatMap(([name, figure]) => (num(figure) === null ? [] : [{ name, value: figure as number }])),
    perClass: list(accuracy.perClass).flatMap((row) =>
      num(row.label) === null ? [] : [{ label: row.label as number, samples: num(row.samples) ?? 0, correct: num(row.correct) ?? 0, accuracy: num(row.accuracy) ?? 0 }],
    ),
    perClassDeltas: list(deltas).flatMap((row) =>
      num(row.label) === null || num(row.delta) === null
        ? []
        : [{ label: row.label as number, samples: num(row.samples) ?? 0, baselineAccuracy: num(row.baselineAccuracy) ?? 0, accuracy: num(row.accuracy) ?? 0, delta: row.delta as number }],
    ),
  };
}
