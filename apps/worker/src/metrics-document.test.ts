import type { StageMetrics } from '@edgepress/pipeline';
import { baselineOf, stageMetricsDocument, stageRecordOf } from './metrics-document';

function metrics(sqnrDb: number, sizeBytes: number): StageMetrics {
  return {
    sizeBytes,
    gzipBytes: Math.round(sizeBytes * 0.9),
    parameters: 1000,
    nonZeros: 900,
    weightBytes: 4000,
    bitsPerWeight: 32,
    latency: { medianMs: 1.5, p90Ms: 2, minMs: 1, meanMs: 1.6, runs: 20, warmupRuns: 3, host: { cpu: 'test cpu', logicalCores: 2, onnxruntime: '1.30.0' } } as StageMetrics['latency'],
    estimate: { targetId: 'raspberry-pi-4', latencyMs: 3, energyMj: 1, complete: true, compatible: true, fits: true, issues: [] },
    fidelity: {
      cosine: 1,
      sqnrDb,
      top1Agreement: 1,
      maxAbsError: 0,
      meanAbsError: 0,
      values: 10,
      positions: 2,
      nonFiniteValues: 0,
      samples: 2,
      outputs: { y: { cosine: 1, sqnrDb, top1Agreement: 1, maxAbsError: 0, meanAbsError: 0, values: 10, positions: 2, nonFiniteValues: 0, top1Mode: 'argmax', classAxis: 1 } },
    },
    accuracy: null,
    evaluatedSamples: 2,
  };
}

describe('stage metrics documents', () => {
  it('store infinite SQNR as "Infinity" (JSON) and read it back as a number, with the stage record', () => {
    const record = { plugin: 'prune-channels', version: '0.1.0', params: { ratio: 0.25 }, metrics: metrics(Infinity, 4096), durationMs: 1234 };
    const document = stageMetricsDocument(record, null);
    expect((document.fidelity as { sqnrDb: unknown }).sqnrDb).toBe('Infinity');
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    const back = stageRecordOf({ index: 0, pluginName: 'prune-channels', pluginVersion: '0.1.0', params: { ratio: 0.25 }, metrics: document });
    expect(back).toEqual(record);
    expect(back.metrics.fidelity?.sqnrDb).toBe(Infinity);
  });

  it('keep the baseline with the first stage only, so a resumed run needs no second baseline pass', () => {
    const baseline = metrics(-Infinity, 8192);
    const first = stageMetricsDocument({ plugin: 'a', metrics: metrics(40, 4096) }, baseline);
    const stored = { index: 0, pluginName: 'a', pluginVersion: '1.0.0', params: {}, metrics: first };
    expect(baselineOf(stored)).toEqual(baseline);
    expect(stageRecordOf(stored).metrics).toEqual(metrics(40, 4096));
    expect(baselineOf({ ...stored, metrics: stageMetricsDocument({ plugin: 'a', metrics: metrics(40, 4096) }, null) })).toBeNull();
  });

  it('refuses to resume from a succeeded stage without metrics', () => {
    expect(() => stageRecordOf({ index: 2, pluginName: 'quantize-int8', pluginVersion: '1.0.0', params: {}, metrics: null })).toThrow(/Stage 3 \(quantize-int8\)/);
  });
});
