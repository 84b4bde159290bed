import path from 'node:path';
import { ErrorCode } from '@edgepress/plugin-sdk';
import { getTarget, listTargets, ocrLines, ocrModelPath, randomInputs, readModel, runOnnx, testPlugin, type HardwareTarget, pythonModels } from '@edgepress/plugin-sdk/testing';
import pruneNm from './index';

jest.setTimeout(120_000);

const entry = path.join(__dirname, 'index.ts');

/**
 * x [n, 8, 6, 6] -> Conv 'c1' [16, 8, 3, 3] -> Relu -> depthwise Conv 'dw' [16, 1, 3, 3] (one input
 * channel per group: skipped) -> Conv 'c2' [6, 16, 1, 1] -> Relu -> Conv 'odd' [8, 6, 1, 1] (6 input
 * channels: skipped) -> Flatten -> Gemm 'gt' (transB, [32, 288]) -> Relu -> MatMul 'mm' [32, 10] -> y.
 */
const MODELS = `
rng = np.random.default_rng(4)
w = lambda *shape: rng.normal(0, 0.3, shape).astype(np.float32)
weights = {'c1_w': w(16, 8, 3, 3), 'dw_w': w(16, 1, 3, 3), 'c2_w': w(6, 16, 1, 1), 'odd_w': w(8, 6, 1, 1), 'gt_w': w(32, 288), 'mm_w': w(32, 10)}
nodes = [helper.make_node('Conv', ['x', 'c1_w'], ['a'], name='c1', pads=[1, 1, 1, 1]), helper.make_node('Relu', ['a'], ['ar'], name='r1'),
         helper.make_node('Conv', ['ar', 'dw_w'], ['d'], name='dw', pads=[1, 1, 1, 1], group=16),
         helper.make_node('Conv', ['d', 'c2_w'], ['b'], name='c2'), helper.make_node('Relu', ['b'], ['br'], name='r2'),
         helper.make_node('Conv', ['br', 'odd_w'], ['o'], name='odd'), helper.make_node('Flatten', ['o'], ['f'], name='flat'),
         helper.make_node('Gemm', ['f', 'gt_w'], ['g'], name='gt', transB=1), helper.make_node('Relu', ['g'], ['gr'], name='r3'),
         helper.make_node('MatMul', ['gr', 'mm_w'], ['y'], name='mm')]
save('layers', nodes, [value('x', ['n', 8, 6, 6])], [value('y', ['n', 10])], weights)
`;

let models: Record<string, Uint8Array>;

beforeAll(() => {
  models = pythonModels(MODELS);
});

function weight(bytes: Uint8Array, name: string): { dims: readonly number[]; data: Float32Array } {
  const tensor = readModel(bytes).readWeight(name);
  return { dims: tensor.dims, data: tensor.data as Float32Array };
}

/**
 * Checks every aligned group of m along `axis`: at most n non-zeros, and the kept ones are the n of
 * largest magnitude of the original (the first along the axis on ties), with unchanged values.
 */
function expectNm(original: { dims: readonly number[]; data: Float32Array }, pruned: Float32Array, axis: number, n: number, m: number): void {
  const dims = original.dims;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const length = dims[axis] as number;
  const outer = original.data.length / (length * inner);
  const wrong: string[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let g = 0; g < length; g += m) {
        const positions = Array.from({ length: m }, (_, j) => (o * length + g + j) * inner + i);
        const kept = new Set([...positions].sort((p, q) => Math.abs(original.data[q] as number) - Math.abs(original.data[p] as number) || p - q).slice(0, n));
        for (const p of positions) if (pruned[p] !== (kept.has(p) ? original.data[p] : 0)) wrong.push(`element ${p}`);
      }
    }
  }
  expect(wrong.slice(0, 5)).toEqual([]);
}

function withSparsity(base: HardwareTarget, structured: Array<{ n: number; m: number }>): HardwareTarget {
  return { ...base, id: `${base.id}-custom`, sparsity: { ...base.sparsity, structured: structured.map((s) => ({ ...s, speedup: 2, precisions: ['int8', 'fp16'] })) } } as HardwareTarget;
}

describe('prune-nm masks', () => {
  it('keeps the 2 largest of every 4 input channels: Conv along Cin per kernel position, MatMul along K, Gemm transB along its last axis', async () => {
    const run = await testPlugin(pruneNm, { model: models.layers, target: 'jetson-orin-nano' });
    for (const [name, axis] of [
      ['c1_w', 1],
      ['c2_w', 1],
      ['gt_w', 1],
      ['mm_w', 0],
    ] as const) {
      const pruned = weight(run.bytes, name).data;
      expectNm(weight(models.layers, name), pruned, axis, 2, 4);
      expect(pruned.filter((v) => v === 0).length).toBe(pruned.length / 2);
    }
    for (const name of ['dw_w', 'odd_w']) expect(Array.from(weight(run.bytes, name).data)).toEqual(Array.from(weight(models.layers, name).data));
    expect(run.result?.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/dw: 1 input channels per group \(weight axis 1\) are not a multiple of m = 4/),
        expect.stringMatching(/odd: 6 input channels per group/),
      ]),
    );
    expect(run.result?.summary).toMatchObject({ weights: 4, pattern: '2:4', sparsity: 0.5 });
    const feeds = await randomInputs(models.layers, { seed: 1, dims: { n: 2 } });
    expect((await runOnnx(run.bytes, feeds)).y.dims).toEqual([2, 10]);
  });

  it('prunes 4:8 for a target that accelerates 4:8, and 1:4 (which fits 2:4) on Ampere', async () => {
    const custom = withSparsity(getTarget('jetson-orin-nano'), [{ n: 4, m: 8 }]);
    const [fourEight, oneFour] = await Promise.all([
      testPlugin(pruneNm, { model: models.layers, target: custom, params: { n: 4, m: 8 } }),
      testPlugin(pruneNm, { model: models.layers, target: 'jetson-agx-orin', params: { n: 1, m: 4 } }),
    ]);
    expectNm(weight(models.layers, 'c1_w'), weight(fourEight.bytes, 'c1_w').data, 1, 4, 8);
    expectNm(weight(models.layers, 'mm_w'), weight(fourEight.bytes, 'mm_w').data, 0, 4, 8);
    expectNm(weight(models.layers, 'gt_w'), weight(oneFour.bytes, 'gt_w').data, 1, 1, 4);
    expect(oneFour.result?.notes).toEqual(expect.arrayContaining([expect.stringMatching(/1:4 mask also satisfies the 2:4 pattern/)]));
  });

  it('writes the same model in the sandbox as in process', async () => {
    const [inProcess, sandboxed] = await Promise.all([
      testPlugin(pruneNm, { model: models.layers, target: 'jetson-orin-nano' }),
      testPlugin(pruneNm, { model: models.layers, target: 'jetson-orin-nano', sandbox: true, entry }),
    ]);
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
  });
});

describe('prune-nm targets', () => {
  it('supports exactly the catalog targets with sparse tensor cores', async () => {
    const supported: Record<string, boolean> = {};
    for (const target of listTargets()) {
      supported[target.id] = await testPlugin(pruneNm, { model: models.layers, target: target.id, params: { include: ['mm'] } }).then(
        () => true,
        (error: { code: string; message: string }) => {
          expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringMatching(/does not accelerate any N:M sparsity pattern/) });
          return false;
        },
      );
    }
    expect(Object.entries(supported).filter(([, yes]) => yes).map(([id]) => id).sort()).toEqual(['jetson-agx-orin', 'jetson-orin-nano']);
    expect(supported['raspberry-pi-4']).toBe(false);
  });

  it('refuses a pattern the target does not accelerate, and bad params', async () => {
    await expect(testPlugin(pruneNm, { model: models.layers, target: 'jetson-orin-nano', params: { n: 4, m: 8 } })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/accelerates 2:4; a 4:8 mask fits none of them/),
    });
    await expect(testPlugin(pruneNm, { model: models.layers, target: 'jetson-orin-nano', params: { n: 4, m: 4 } })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/n must be smaller than m/),
    });
  });
});

describe('prune-nm on the PP-OCRv4 recognizer', () => {
  it('prunes its Conv and MatMul weights 2:4 and the model still runs', async () => {
    const run = await testPlugin(pruneNm, { model: ocrModelPath('recognizer'), target: 'jetson-orin-nano' });
    expectNm(weight(run.input, 'linear_85.w_0'), weight(run.bytes, 'linear_85.w_0').data, 0, 2, 4);
    expectNm(weight(run.input, 'conv2d_145.w_0'), weight(run.bytes, 'conv2d_145.w_0').data, 1, 2, 4);
    const summary = run.result?.summary as Record<string, number>;
    expect(summary.weights).toBeGreaterThan(30);
    for await (const sample of (await ocrLines(1)).samples()) {
      const line = Object.values(sample.inputs)[0];
      if (line === undefined) continue;
      const out = await runOnnx(run.bytes, { x: { dims: line.dims, data: line.data } });
      expect(Object.values(out)[0]?.dims).toEqual([1, 40, 6625]);
    }
  });
});
