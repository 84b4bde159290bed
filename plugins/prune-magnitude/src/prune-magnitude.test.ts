import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ErrorCode } from '@edgepress/plugin-sdk';
import { compareOutputs, ocrLines, ocrModelPath, randomInputs, readModel, runOnnx, testPlugin, type OnnxFeed, pythonModels } from '@edgepress/plugin-sdk/testing';
import pruneMagnitude from './index';

jest.setTimeout(120_000);

const entry = path.join(__dirname, 'index.ts');

/**
 * x [n, 4, 8, 8] -> Conv 'c1' [16, 4, 3, 3] -> Relu -> Conv 'c2' [8, 16, 1, 1] (weight in a Constant
 * node) -> Flatten -> Gemm 'g1' [512, 32] + C -> Relu -> MatMul 'm1' [32, 10] -> y. m1's weight has
 * only three magnitudes, so thresholds fall on ties.
 */
const MODELS = `
rng = np.random.default_rng(1)
c2 = rng.normal(0, 0.3, (8, 16, 1, 1)).astype(np.float32)
m1 = (rng.choice([-3, -2, -1, 1, 2, 3], (32, 10)) * 0.1).astype(np.float32)
weights = {'c1_w': rng.normal(0, 0.3, (16, 4, 3, 3)).astype(np.float32), 'c1_b': rng.normal(0, 0.1, (16,)).astype(np.float32),
           'g1_w': rng.normal(0, 0.05, (512, 32)).astype(np.float32), 'g1_c': rng.normal(0, 0.1, (32,)).astype(np.float32), 'm1_w': m1}
nodes = [helper.make_node('Conv', ['x', 'c1_w', 'c1_b'], ['a'], name='c1', pads=[1, 1, 1, 1]), helper.make_node('Relu', ['a'], ['ar'], name='r1'),
         helper.make_node('Constant', [], ['c2_w'], name='c2_const', value=numpy_helper.from_array(c2, 'c2_w')),
         helper.make_node('Conv', ['ar', 'c2_w'], ['b'], name='c2'), helper.make_node('Flatten', ['b'], ['f'], name='flat'),
         helper.make_node('Gemm', ['f', 'g1_w', 'g1_c'], ['g'], name='g1'), helper.make_node('Relu', ['g'], ['gr'], name='r2'),
         helper.make_node('MatMul', ['gr', 'm1_w'], ['y'], name='m1')]
save('layers', nodes, [value('x', ['n', 4, 8, 8])], [value('y', ['n', 10])], weights)
`;

const PRUNED = ['c1_w', 'c2_w', 'g1_w', 'm1_w'] as const;

let models: Record<string, Uint8Array>;
let feeds: Record<string, OnnxFeed>;

beforeAll(async () => {
  models = pythonModels(MODELS);
  feeds = await randomInputs(models.layers, { seed: 2, dims: { n: 3 } });
});

function values(bytes: Uint8Array, name: string): Float32Array {
  return readModel(bytes).readWeight(name).data as Float32Array;
}

function zeros(data: Float32Array): number {
  return data.reduce((count, value) => count + (value === 0 ? 1 : 0), 0);
}

/** Magnitude pruning as a sort-based reference sees it: every pruned |w| <= every kept |w|, kept values unchanged. */
function expectMagnitudeOrder(original: readonly Float32Array[], pruned: readonly Float32Array[]): void {
  let largestPruned = 0;
  let smallestKept = Infinity;
  original.forEach((weights, w) =>
    weights.forEach((value, i) => {
      const after = (pruned[w] as Float32Array)[i] as number;
      if (after === 0) largestPruned = Math.max(largestPruned, Math.abs(value));
      else {
        expect(after).toBe(value);
        smallestKept = Math.min(smallestKept, Math.abs(value));
      }
    }),
  );
  expect(largestPruned).toBeLessThanOrEqual(smallestKept);
}

describe('prune-magnitude sparsity', () => {
  it('prunes exactly floor(sparsity x n) weights with one global threshold, ties included', async () => {
    const run = await testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params: { sparsity: 0.7, scope: 'global' } });
    const original = PRUNED.map((name) => values(models.layers, name));
    const pruned = PRUNED.map((name) => values(run.bytes, name));
    const total = original.reduce((sum, weights) => sum + weights.length, 0);
    expect(pruned.reduce((sum, weights) => sum + zeros(weights), 0)).toBe(Math.floor(0.7 * total));
    expectMagnitudeOrder(original, pruned);
    // Sort-based reference of the threshold: the floor(0.7 n)-th smallest magnitude overall.
    const sorted = Float32Array.from(original.flatMap((weights) => Array.from(weights, Math.abs))).sort();
    const threshold = sorted[Math.floor(0.7 * total) - 1] as number;
    pruned.forEach((weights) => weights.forEach((value) => value !== 0 && expect(Math.abs(value)).toBeGreaterThanOrEqual(threshold)));
    expect(run.result?.summary).toMatchObject({ weights: 4, scope: 'global', elements: total, zeros: Math.floor(0.7 * total) });
    // Biases are never pruned.
    expect(zeros(values(run.bytes, 'c1_b'))).toBe(0);
  });

  it('prunes exactly floor(sparsity x n_i) of each weight per layer, ties included', async () => {
    const run = await testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params: { sparsity: 0.55, scope: 'per-layer' } });
    for (const name of PRUNED) {
      const original = values(models.layers, name);
      const pruned = values(run.bytes, name);
      expect({ name, zeros: zeros(pruned) }).toEqual({ name, zeros: Math.floor(0.55 * original.length) });
      expectMagnitudeOrder([original], [pruned]);
    }
    // m1 has only magnitudes 0.1, 0.2, 0.3: 55 % of 320 = 176 lands inside the 0.2 ties.
    const m1 = values(models.layers, 'm1_w');
    expect(m1.filter((value) => Math.abs(value) <= Math.fround(0.2)).length).toBeGreaterThan(176);
    expect(m1.filter((value) => Math.abs(value) < Math.fround(0.2)).length).toBeLessThan(176);
  });

  it('prunes only the selected op types and nodes, and refuses unknown node names', async () => {
    const run = await testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params: { sparsity: 0.5, opTypes: ['Conv'], exclude: ['c2'] } });
    expect(zeros(values(run.bytes, 'c1_w'))).toBe(288);
    for (const name of ['c2_w', 'g1_w', 'm1_w']) expect(zeros(values(run.bytes, name))).toBe(0);
    await expect(testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params: { include: ['conv9'] } })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/'conv9' is not in it/),
    });
    await expect(testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params: { sparsity: 1.5 } })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });
});

describe('prune-magnitude storage', () => {
  it('stores weights past the break-even sparsity as sparse initializers (Constant-node weights too) that ONNX Runtime densifies', async () => {
    const params = { sparsity: 0.9, scope: 'per-layer' };
    const [sparse, dense] = await Promise.all([
      testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params }),
      testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params: { ...params, storage: 'dense' } }),
    ]);
    const stored = readModel(sparse.bytes);
    expect(stored.graph.proto.sparseInitializer.map((tensor) => tensor.values?.name).sort()).toEqual([...PRUNED].sort());
    expect(stored.graph.nodes.some((node) => node.opType === 'Constant')).toBe(false);
    expect(readModel(dense.bytes).graph.proto.sparseInitializer).toHaveLength(0);
    expect(sparse.bytes.length).toBeLessThan(0.45 * dense.bytes.length);
    for (const name of PRUNED) expect(Array.from(values(sparse.bytes, name))).toEqual(Array.from(values(dense.bytes, name)));
    const [a, b] = await Promise.all([runOnnx(sparse.bytes, feeds), runOnnx(dense.bytes, feeds)]);
    expect(compareOutputs(b, a).maxAbsError).toBe(0);
    expect(sparse.result?.summary).toMatchObject({ sparseInitializers: 4 });
  });

  it('keeps weights dense below the break-even sparsity and says so', async () => {
    const run = await testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params: { sparsity: 0.5, scope: 'per-layer' } });
    expect(readModel(run.bytes).graph.proto.sparseInitializer).toHaveLength(0);
    expect(run.result?.notes).toEqual(expect.arrayContaining([expect.stringMatching(/4 pruned weight\(s\) stay dense.*above 66\.7 % sparsity/)]));
  });

  it('writes the same model in the sandbox as in process', async () => {
    const params = { sparsity: 0.8 };
    const [inProcess, sandboxed] = await Promise.all([
      testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params }),
      testPlugin(pruneMagnitude, { model: models.layers, target: 'raspberry-pi-4', params, sandbox: true, entry }),
    ]);
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
  });
});

describe('prune-magnitude on the PP-OCRv4 recognizer (weights in Constant nodes, real inputs)', () => {
  it('shrinks the file at 90 % and stays close at 10 %', async () => {
    const model = ocrModelPath('recognizer');
    const [ninety, ten] = await Promise.all([
      testPlugin(pruneMagnitude, { model, target: 'raspberry-pi-5', params: { sparsity: 0.9 } }),
      testPlugin(pruneMagnitude, { model, target: 'raspberry-pi-5', params: { sparsity: 0.1 } }),
    ]);
    const summary = ninety.result?.summary as Record<string, number>;
    expect(summary.zeros).toBe(Math.floor(0.9 * summary.elements));
    expect(ninety.bytes.length).toBeLessThan(0.35 * ninety.input.length);
    expect(gzipSync(ninety.bytes).length).toBeLessThan(0.2 * gzipSync(ninety.input).length);
    let line: Record<string, OnnxFeed> | undefined;
    for await (const sample of (await ocrLines(1)).samples()) {
      const tensor = Object.values(sample.inputs)[0];
      if (tensor !== undefined) line = { x: { dims: tensor.dims, data: tensor.data } };
    }
    const feed = line as Record<string, OnnxFeed>;
    const [baseline, pruned90, pruned10] = await Promise.all([runOnnx(model, feed), runOnnx(ninety.bytes, feed), runOnnx(ten.bytes, feed)]);
    expect(Object.values(pruned90)[0]?.dims).toEqual(Object.values(baseline)[0]?.dims);
    // Stated tolerance: 10 % global magnitude pruning keeps cosine >= 0.99 on a real line.
    expect(compareOutputs(baseline, pruned10).cosine).toBeGreaterThan(0.99);
  });
});
