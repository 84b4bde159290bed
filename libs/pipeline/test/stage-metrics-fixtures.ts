import type { StageMetrics } from '../src/metrics/stage-metrics';

/** StageMetrics as measureModel returns them, with the figures a test needs overridden. */
export function stageMetrics(overrides: Partial<StageMetrics> = {}): StageMetrics {
  return {
    sizeBytes: 10_000_000,
    gzipBytes: 9_000_000,
    parameters: 2_500_000,
    nonZeros: 2_400_000,
    weightBytes: 9_900_000,
    bitsPerWeight: 31.68,
    latency: { medianMs: 20, p90Ms: 24, minMs: 18, meanMs: 21, runs: 20, warmupRuns: 3, host: { cpu: 'Test CPU', logicalCores: 2, onnxruntime: '1.30.0' } },
    estimate: { targetId: 'raspberry-pi-4', latencyMs: 100, energyMj: 640, complete: true, compatible: true, fits: true, issues: [] },
    fidelity: null,
    accuracy: null,
    evaluatedSamples: 30,
    ...overrides,
  };
}

export function classAccuracy(values: readonly number[], samples = 10): StageMetrics['accuracy'] {
  const perClass = values.map((accuracy, label) => ({ label, samples, correct: Math.round(accuracy * samples), accuracy }));
  return { metric: 'top1-accuracy', value: values.reduce((a, b) => a + b, 0) / values.length, samples: samples * values.length, figures: {}, perClass };
}

export function fidelity(cosine: number, sqnrDb: number): NonNullable<StageMetrics['fidelity']> {
  const figures = { cosine, sqnrDb, top1Agreement: 0.97, maxAbsError: 0.2, meanAbsError: 0.01, values: 300, positions: 30, nonFiniteValues: 0 };
  return { ...figures, samples: 30, outputs: { probs: { ...figures, top1Mode: 'argmax', classAxis: 1 } } };
}
