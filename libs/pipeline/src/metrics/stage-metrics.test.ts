import { readModel, summarizeModel, type OnnxModel } from '@edgepress/onnx';
import { estimate, getTarget } from '@edgepress/targets';
import { gzipSync } from 'node:zlib';
import { mlpClassifier } from '../../test/models';
import { runPython, temporaryFolder } from '../../test/python';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mnistDataset } from '../data/mnist';
import { UNNAMED_INPUT, type Sample } from '../data/sample';
import { classificationAccuracy } from '../evaluate/accuracy';
import { ReferenceRecorder } from '../evaluate/reference-outputs';
import { measureModel } from './stage-metrics';

/** Plain TypeScript forward pass of mlpClassifier (Gemm, Relu, Gemm, Softmax): the reference. */
function forward(model: OnnxModel, x: Float32Array): Float64Array {
  const w = (name: string) => model.readWeight(name).data as Float32Array;
  const [w1, b1, w2, b2] = [w('w1'), w('b1'), w('w2'), w('b2')];
  const hidden = new Float64Array(16);
  for (let j = 0; j < 16; j++) {
    let sum = b1[j];
    for (let i = 0; i < 784; i++) sum += x[i] * w1[i * 16 + j];
    hidden[j] = Math.max(sum, 0);
  }
  const logits = new Float64Array(10);
  for (let k = 0; k < 10; k++) {
    let sum = b2[k];
    for (let j = 0; j < 16; j++) sum += hidden[j] * w2[j * 10 + k];
    logits[k] = sum;
  }
  const max = Math.max(...logits);
  const exp = logits.map((value) => Math.exp(value - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((value) => value / total);
}

const argmax = (values: ArrayLike<number>) => Array.from(values).reduce((best, value, i, all) => (value > all[best] ? i : best), 0);

describe('measureModel', () => {
  const baselineBytes = mlpClassifier();
  const perturbedBytes = mlpClassifier(1, 0.3);
  const evaluation = mnistDataset({ layout: 'flat', count: 200 });
  let samples: Sample[];

  beforeAll(async () => {
    samples = [];
    for await (const sample of evaluation.samples()) samples.push(sample);
  });

  it('measures sizes, weights, latency, the target estimate and accuracy of the baseline', async () => {
    const target = getTarget('raspberry-pi-4');
    const recorder = new ReferenceRecorder();
    const metrics = await measureModel(baselineBytes, { evaluation, recorder, taskMetric: classificationAccuracy(), target, latency: { warmupRuns: 1, runs: 5 } });

    expect(metrics.sizeBytes).toBe(baselineBytes.length);
    expect(metrics.gzipBytes).toBe(gzipSync(baselineBytes, { level: 9 }).length);
    const { folder, remove } = temporaryFolder('weights');
    try {
      writeFileSync(path.join(folder, 'm.onnx'), baselineBytes);
      const counted = JSON.parse(
        runPython(
          `import sys, json, onnx, numpy as np
from onnx import numpy_helper
arrays = [numpy_helper.to_array(t) for t in onnx.load(sys.argv[1]).graph.initializer]
print(json.dumps({'parameters': int(sum(a.size for a in arrays)), 'nonZeros': int(sum(np.count_nonzero(a) for a in arrays)), 'bytes': int(sum(a.nbytes for a in arrays))}))`,
          [path.join(folder, 'm.onnx')],
        ),
      ) as { parameters: number; nonZeros: number; bytes: number };
      expect(metrics.parameters).toBe(counted.parameters);
      expect(metrics.nonZeros).toBe(counted.nonZeros);
      expect(metrics.nonZeros).toBeLessThan(metrics.parameters);
      expect(metrics.weightBytes).toBe(counted.bytes);
      expect(metrics.bitsPerWeight).toBe(32);
    } finally {
      remove();
    }

    expect(metrics.latency?.runs).toBe(5);
    expect(metrics.latency?.medianMs).toBeGreaterThan(0);
    const expectedEstimate = estimate(summarizeModel(readModel(baselineBytes), { inputShapes: { x: [1, 784] } }), target);
    expect(metrics.estimate).toMatchObject({ targetId: 'raspberry-pi-4', latencyMs: expectedEstimate.latencyMs, complete: true, compatible: true, fits: true });

    const model = readModel(baselineBytes);
    const hits = samples.filter((sample) => argmax(forward(model, sample.inputs[UNNAMED_INPUT].data as Float32Array)) === sample.label).length;
    expect(metrics.accuracy?.value).toBe(hits / 200);
    expect(metrics.accuracy?.perClass?.map((entry) => entry.samples)).toEqual(new Array(10).fill(20));
    expect(metrics.fidelity).toBeNull();
    expect(metrics.evaluatedSamples).toBe(200);
    expect(recorder.reference()).toBeDefined();
  });

  it('measures fidelity of another model against the recorded baseline as a plain forward pass does', async () => {
    const recorder = new ReferenceRecorder();
    await measureModel(baselineBytes, { evaluation, recorder, latency: false });
    const metrics = await measureModel(perturbedBytes, { evaluation, reference: recorder.reference(), latency: false, taskMetric: classificationAccuracy() });
    const base = readModel(baselineBytes);
    const other = readModel(perturbedBytes);
    let cosine = 0;
    let agree = 0;
    for (const sample of samples) {
      const x = sample.inputs[UNNAMED_INPUT].data as Float32Array;
      const a = forward(base, x);
      const b = forward(other, x);
      const dot = a.reduce((sum, value, i) => sum + value * b[i], 0);
      cosine += dot / Math.sqrt(a.reduce((sum, value) => sum + value * value, 0) * b.reduce((sum, value) => sum + value * value, 0));
      if (argmax(a) === argmax(b)) agree++;
    }
    expect(metrics.fidelity?.cosine).toBeCloseTo(cosine / samples.length, 5);
    expect(metrics.fidelity?.top1Agreement).toBe(agree / samples.length);
    expect(metrics.fidelity?.cosine).toBeLessThan(0.999);
    expect(metrics.fidelity?.sqnrDb).toBeGreaterThan(0);
    expect(metrics.latency).toBeNull();
    expect(metrics.estimate).toBeNull();
  });

  it('times random input shaped by the given dims when there is no evaluation data', async () => {
    const metrics = await measureModel(baselineBytes, { shapes: { dims: { n: 1 } }, latency: { warmupRuns: 0, runs: 3 } });
    expect(metrics.latency?.runs).toBe(3);
    expect(metrics.accuracy).toBeNull();
    expect(metrics.evaluatedSamples).toBe(0);
    await expect(measureModel(baselineBytes, { latency: { runs: 1 } })).rejects.toThrow(/symbolic dimension 'n'/);
  });

  it('refuses a model that does not load in ONNX Runtime', async () => {
    await expect(measureModel(Uint8Array.of(8, 1, 2), {})).rejects.toThrow(/does not load in ONNX Runtime/);
  });
});
