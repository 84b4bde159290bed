import type { RunEvent } from './run-events';
import { applyRunEvent, classDeltas, latencyRows, runOutcome, sizeAccuracyPoints, sizeFidelityPoints, type RunData, type StageData } from './run-metrics';

function stage(index: number, pluginName: string, metrics: Partial<NonNullable<StageData['metrics']>> | null, state: StageData['state'] = 'SUCCEEDED'): StageData {
  return {
    id: `s${index}`,
    index,
    pluginName,
    pluginVersion: '1.0.0',
    params: {},
    state,
    attempt: 1,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    error: null,
    artifact: null,
    metrics: metrics && {
      sizeBytes: null,
      gzipBytes: null,
      parameters: null,
      nonZeros: null,
      sparsity: null,
      weightBytes: null,
      bitsPerWeight: null,
      evaluatedSamples: null,
      latency: null,
      estimate: null,
      fidelity: null,
      accuracy: null,
      ...metrics,
    },
  };
}

const fidelity = (cosine: number) => ({ cosine, top1Agreement: 1, sqnrDb: 40, sqnrInfinite: false, maxAbsError: null, meanAbsError: null });
const accuracy = (value: number, deltaVsBaseline: number, perClassDeltas: { label: number; delta: number }[] = []) => ({
  metric: 'top1-accuracy',
  value,
  samples: 100,
  deltaVsBaseline,
  perClassDeltas: perClassDeltas.map((row) => ({ ...row, samples: 10, baselineAccuracy: 0.9, accuracy: 0.9 + row.delta })),
});

const run = {
  id: 'r1',
  state: 'RUNNING',
  progress: 0.5,
  message: 'stage 2',
  durationMs: 1000,
  error: null,
  targetId: 'raspberry-pi-4',
  target: { id: 'raspberry-pi-4', name: 'Raspberry Pi 4', kind: 'CPU' },
  model: { id: 'm', name: 'cls', sizeBytes: 1000, summary: { parameters: 10, weightBytes: 900 } },
  stages: [
    stage(0, 'prune-channels', { sizeBytes: 800, fidelity: fidelity(0.99), accuracy: accuracy(0.9, -0.02), latency: { medianMs: 2, p90Ms: 2, minMs: 2, meanMs: 2, runs: 5, hostCpu: null } }),
    stage(1, 'quantize-int8', { sizeBytes: 250, fidelity: fidelity(0.98), accuracy: accuracy(0.88, -0.04, [{ label: 3, delta: 0.01 }, { label: 7, delta: -0.2 }]), estimate: { latencyMs: 1, energyMj: 6, fits: true, compatible: true, complete: true, issues: [] } }),
    stage(2, 'fold', null, 'PENDING'),
  ],
} as unknown as RunData;

describe('run metrics', () => {
  it('size against fidelity and accuracy, from the original model through each measured stage', () => {
    expect(sizeFidelityPoints(run)).toEqual([
      { x: 1000, y: 1, label: 'original' },
      { x: 800, y: 0.99, label: '1 prune-channels' },
      { x: 250, y: 0.98, label: '2 quantize-int8' },
    ]);
    expect(sizeAccuracyPoints(run).map((p) => [p.label, Number(p.y.toFixed(4))])).toEqual([
      ['original', 0.92],
      ['1 prune-channels', 0.9],
      ['2 quantize-int8', 0.88],
    ]);
  });

  it('latency rows, class deltas worst first, and the outcome of the last measured stage', () => {
    expect(latencyRows(run)).toEqual({ categories: ['1 prune-channels', '2 quantize-int8'], measured: [2, null], estimated: [null, 1] });
    expect(classDeltas(run)?.deltas.map((row) => row.label)).toEqual([7, 3]);
    expect(runOutcome(run)).toMatchObject({ sizeBytes: 250, sizeRatio: 0.25, cosine: 0.98, accuracy: 0.88, accuracyDelta: -0.04, estimatedLatencyMs: 1, fits: true });
  });

  it('merges a live event into the run', () => {
    const event = {
      kind: 'STAGE_COMPLETED',
      runId: 'r1',
      fraction: null,
      message: null,
      stageIndex: 2,
      state: null,
      run: { id: 'r1', state: 'RUNNING', progress: 0.9, message: 'stage 3 done', durationMs: 2000, error: null },
      stage: stage(2, 'fold', { sizeBytes: 240, fidelity: fidelity(0.98) }),
    } as unknown as RunEvent;
    const next = applyRunEvent(run, event);
    expect(next).toMatchObject({ progress: 0.9, message: 'stage 3 done', durationMs: 2000 });
    expect(next.stages[2].state).toBe('SUCCEEDED');
    expect(next.stages[0]).toBe(run.stages[0]);
    expect(runOutcome(next).sizeBytes).toBe(240);
  });
});
