import path from 'node:path';
import { ErrorCode } from '@edgepress/plugin-sdk';
import { compareOutputs, createInProcessKernels, ocrLines, ocrModelPath, randomInputs, readModel, runOnnx, testPlugin, type OnnxFeed, pythonModels } from '@edgepress/plugin-sdk/testing';
import factorizeLowRank from './index';

jest.setTimeout(120_000);

const entry = path.join(__dirname, 'index.ts');
/** The native kernels in process: the reference for the factors' reported errors. */
const kernels = createInProcessKernels();

/**
 * x [n, 16, 10, 10] -> Conv 'k3' [32, 16, 3, 3] (stride 2, pads 1, bias; Tucker rank (8, 6) + noise)
 * -> Relu -> Conv 'p1' [48, 32, 1, 1] (stride 2, pads 1, bias; rank 6 + noise) -> Relu -> depthwise
 * Conv 'dw' -> Flatten -> Gemm 'gt' (transB, [64, 768], alpha 0.5, beta 2, C; rank 5 + noise) -> Relu
 * -> Gemm 'gn' ([64, 40], no C; rank 4 + noise) -> MatMul 'mm' [40, 30] (full rank) -> y [n, 30].
 */
const MODELS = `
rng = np.random.default_rng(5)
def lowrank(rows, cols, rank, noise=1e-3):
    return (rng.normal(0, 1, (rows, rank)) @ rng.normal(0, 1, (rank, cols)) / np.sqrt(rank) + noise * rng.normal(0, 1, (rows, cols))).astype(np.float32)
core = rng.normal(0, 1, (8, 6, 3, 3))
k3 = np.einsum('abhw,oa,ib->oihw', core, rng.normal(0, 1, (32, 8)), rng.normal(0, 1, (16, 6))) / 6 + 1e-3 * rng.normal(0, 1, (32, 16, 3, 3))
weights = {'k3_w': k3.astype(np.float32), 'k3_b': rng.normal(0, 0.1, (32,)).astype(np.float32),
           'p1_w': lowrank(48, 32, 6).reshape(48, 32, 1, 1) * 0.2, 'p1_b': rng.normal(0, 0.1, (48,)).astype(np.float32),
           'dw_w': rng.normal(0, 0.3, (48, 1, 3, 3)).astype(np.float32),
           'gt_w': lowrank(64, 768, 5) * 0.05, 'gt_c': rng.normal(0, 0.1, (64,)).astype(np.float32),
           'gn_w': lowrank(64, 40, 4) * 0.2, 'mm_w': rng.normal(0, 0.2, (40, 30)).astype(np.float32)}
nodes = [helper.make_node('Conv', ['x', 'k3_w', 'k3_b'], ['a'], name='k3', strides=[2, 2], pads=[1, 1, 1, 1]), helper.make_node('Relu', ['a'], ['ar'], name='r1'),
         helper.make_node('Conv', ['ar', 'p1_w', 'p1_b'], ['b'], name='p1', strides=[2, 2], pads=[1, 1, 1, 1]), helper.make_node('Relu', ['b'], ['br'], name='r2'),
         helper.make_node('Conv', ['br', 'dw_w'], ['d'], name='dw', pads=[1, 1, 1, 1], group=48), helper.make_node('Flatten', ['d'], ['f'], name='flat'),
         helper.make_node('Gemm', ['f', 'gt_w', 'gt_c'], ['g'], name='gt', transB=1, alpha=0.5, beta=2.0), helper.make_node('Relu', ['g'], ['gr'], name='r3'),
         helper.make_node('Gemm', ['gr', 'gn_w'], ['h'], name='gn'), helper.make_node('MatMul', ['h', 'mm_w'], ['y'], name='mm')]
save('layers', nodes, [value('x', ['n', 16, 10, 10])], [value('y', ['n', 30])], weights)
`;

let models: Record<string, Uint8Array>;
let feeds: Record<string, OnnxFeed>;

beforeAll(async () => {
  models = pythonModels(MODELS);
  feeds = await randomInputs(models.layers, { seed: 3, dims: { n: 4 }, distribution: 'normal' });
});

interface Stored {
  dims: readonly number[];
  data: Float32Array;
}

function weight(bytes: Uint8Array, name: string): Stored {
  const tensor = readModel(bytes).readWeight(name);
  return { dims: tensor.dims, data: tensor.data as Float32Array };
}

function node(bytes: Uint8Array, name: string) {
  const found = readModel(bytes).graph.nodes.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no node ${name}`);
  return found;
}

function ints(found: ReturnType<typeof node>): Record<string, number[] | number> {
  return Object.fromEntries(found.attribute.filter((a) => a.type === 7 || a.type === 2).map((a) => [a.name, a.type === 7 ? a.ints.map(Number) : Number(a.i)]));
}

function parameters(bytes: Uint8Array): number {
  const model = readModel(bytes);
  return model.weights().reduce((sum, ref) => sum + model.weightInfo(ref).elementCount, 0);
}

/** ||W - approx||^2 / ||W||^2. */
function relativeError(w: Float32Array, approx: Float64Array): number {
  let noise = 0;
  let signal = 0;
  w.forEach((value, i) => {
    noise += (value - (approx[i] as number)) ** 2;
    signal += value ** 2;
  });
  return noise / signal;
}

/** A [rows, r] x B [r, cols] in float64. */
function product(a: Float32Array, b: Float32Array, rows: number, r: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let k = 0; k < r; k++) for (let j = 0; j < cols; j++) out[i * cols + j] = (out[i * cols + j] as number) + (a[i * r + k] as number) * (b[k * cols + j] as number);
  return out;
}

/** The relative error the stage reported for a layer (from its notes). */
function reportedError(notes: readonly string[] | undefined, layer: string): { ranks: number[]; error: number } {
  const line = (notes ?? []).find((note) => note.startsWith(`${layer}: `));
  const match = line?.match(/(?:rank (\d+)|ranks \[(\d+), (\d+)\]), relative error ([0-9.e+-]+)/);
  if (match === undefined || match === null) throw new Error(`no report for ${layer}`);
  return { ranks: (match[1] !== undefined ? [match[1]] : [match[2], match[3]]).map(Number), error: Number(match[4]) };
}

describe('factorize-lowrank at energy 0.999', () => {
  let run: Awaited<ReturnType<typeof testPlugin>>;
  beforeAll(async () => {
    run = await testPlugin(factorizeLowRank, { model: models.layers, target: 'raspberry-pi-5', params: { energy: 0.999 } });
  });

  it('rewires each layer with its window, bias, alpha/beta and transB in the right place', () => {
    const out = run.bytes;
    expect(node(out, 'k3_tucker_first').input[0]).toBe('x');
    expect(ints(node(out, 'k3_tucker_first'))).toEqual({});
    expect(ints(node(out, 'k3_tucker_core'))).toMatchObject({ strides: [2, 2], pads: [1, 1, 1, 1] });
    expect(node(out, 'k3').input.slice(2)).toEqual(['k3_b']);
    expect(ints(node(out, 'k3'))).toEqual({});
    expect(ints(node(out, 'p1_lowrank'))).toMatchObject({ strides: [2, 2], pads: [1, 1, 1, 1] });
    expect(node(out, 'p1').input[2]).toBe('p1_b');
    const first = node(out, 'gt_lowrank');
    expect(first.attribute.map((a) => [a.name, a.name === 'alpha' ? a.f : Number(a.i)])).toEqual(expect.arrayContaining([['alpha', 0.5], ['transB', 1]]));
    const second = node(out, 'gt');
    expect(second.input[2]).toBe('gt_c');
    expect(second.attribute.find((a) => a.name === 'beta')?.f).toBe(2);
    expect(second.attribute.find((a) => a.name === 'alpha')).toBeUndefined();
    expect(node(out, 'mm').input[1]).toBe('mm_w');
    expect(node(out, 'dw').input[1]).toBe('dw_w');
    expect(run.result?.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kept: dw: group = 48/), expect.stringMatching(/^kept: mm: rank \d+ of \[40, 30\] saves nothing \(it must be below 17\.1\)/)]),
    );
  });

  it('keeps the outputs within cosine 0.999 and SQNR 25 dB, with fewer parameters', async () => {
    const [before, after] = await Promise.all([runOnnx(models.layers, feeds), runOnnx(run.bytes, feeds)]);
    const comparison = compareOutputs(before, after);
    expect(comparison.cosine).toBeGreaterThan(0.999);
    expect(comparison.sqnrDb).toBeGreaterThan(25);
    const summary = run.result?.summary as Record<string, number>;
    expect(summary.layers).toBe(4);
    expect(summary.parametersAfter).toBeLessThan(0.3 * summary.parametersBefore);
    expect(parameters(run.bytes)).toBe(parameters(run.input) - summary.parametersBefore + summary.parametersAfter);
  });

  it('reports the reconstruction error the factors in the model have, as the kernels compute it', async () => {
    const out = run.bytes;
    // SVD layers: W (as stored, [rows, cols]) against first x second (or second x first for transB).
    const cases = [
      { layer: 'gt', w: weight(run.input, 'gt_w'), a: weight(out, node(out, 'gt').input[1] as string), b: weight(out, node(out, 'gt_lowrank').input[1] as string) },
      { layer: 'gn', w: weight(run.input, 'gn_w'), a: weight(out, node(out, 'gn_lowrank').input[1] as string), b: weight(out, node(out, 'gn').input[1] as string) },
      { layer: 'p1', w: weight(run.input, 'p1_w'), a: weight(out, node(out, 'p1').input[1] as string), b: weight(out, node(out, 'p1_lowrank').input[1] as string) },
    ];
    for (const { layer, w, a, b } of cases) {
      const rows = w.dims[0] as number;
      const cols = w.data.length / rows;
      const r = a.data.length / rows;
      const error = relativeError(w.data, product(a.data, b.data, rows, r, cols));
      const reported = reportedError(run.result?.notes, layer);
      expect(reported.ranks).toEqual([r]);
      expect(reported.error).toBeCloseTo(error, 5);
      const reference = await kernels.lowRankFactors({ data: w.data, shape: [rows, cols] }, { energy: 0.999, maxRank: Math.min(rows, cols) });
      expect(reference.rank).toBe(r);
      expect(1 - reference.retainedEnergy).toBeCloseTo(error, 5);
      expect(error).toBeLessThanOrEqual(1e-3 + 1e-6);
    }
    // Tucker-2: W[o, i, h, w] ~ sum_ab last[o, a] core[a, b, h, w] first[b, i].
    const w = weight(run.input, 'k3_w');
    const first = weight(out, node(out, 'k3_tucker_first').input[1] as string);
    const core = weight(out, node(out, 'k3_tucker_core').input[1] as string);
    const last = weight(out, node(out, 'k3').input[1] as string);
    const [outRank, inRank] = [core.dims[0] as number, core.dims[1] as number];
    const approx = new Float64Array(w.data.length);
    for (let o = 0; o < 32; o++)
      for (let i = 0; i < 16; i++)
        for (let s = 0; s < 9; s++) {
          let sum = 0;
          for (let a = 0; a < outRank; a++) for (let b = 0; b < inRank; b++) sum += (last.data[o * outRank + a] as number) * (core.data[(a * inRank + b) * 9 + s] as number) * (first.data[b * 16 + i] as number);
          approx[(o * 16 + i) * 9 + s] = sum;
        }
    const error = relativeError(w.data, approx);
    const reported = reportedError(run.result?.notes, 'k3');
    expect(reported.ranks).toEqual([outRank, inRank]);
    expect(reported.ranks).toEqual([8, 6]);
    expect(reported.error).toBeCloseTo(error, 6);
    const reference = await kernels.tucker2Conv({ data: w.data, shape: [32, 16, 3, 3] }, { outRank, inRank });
    expect(reference.relativeError).toBeCloseTo(error, 6);
  });
});

describe('factorize-lowrank options', () => {
  it('factorizes at a fixed rank where that saves, and refuses unknown nodes', async () => {
    const run = await testPlugin(factorizeLowRank, { model: models.layers, target: 'raspberry-pi-5', params: { rank: 4, opTypes: ['MatMul', 'Gemm'] } });
    for (const [layer, factor] of [
      ['mm', 'mm_lowrank'],
      ['gn', 'gn_lowrank'],
    ] as const) {
      expect(reportedError(run.result?.notes, layer).ranks).toEqual([4]);
      expect(weight(run.bytes, node(run.bytes, factor).input[1] as string).dims).toEqual(layer === 'mm' ? [40, 4] : [64, 4]);
    }
    expect(node(run.bytes, 'k3').input[1]).toBe('k3_w');
    await expect(testPlugin(factorizeLowRank, { model: models.layers, target: 'raspberry-pi-5', params: { include: ['nope'] } })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    await expect(testPlugin(factorizeLowRank, { model: models.layers, target: 'raspberry-pi-5', params: { energy: 0 } })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });

  it('writes the same model in the sandbox as in process', async () => {
    const params = { energy: 0.99 };
    const [inProcess, sandboxed] = await Promise.all([
      testPlugin(factorizeLowRank, { model: models.layers, target: 'raspberry-pi-5', params }),
      testPlugin(factorizeLowRank, { model: models.layers, target: 'raspberry-pi-5', params, sandbox: true, entry }),
    ]);
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
  });
});

describe('factorize-lowrank on the PP-OCRv4 recognizer (real inputs)', () => {
  it('at energy 0.999 drops parameters and keeps cosine 0.999 on real text lines', async () => {
    const model = ocrModelPath('recognizer');
    const run = await testPlugin(factorizeLowRank, { model, target: 'raspberry-pi-5', params: { energy: 0.999 } });
    const summary = run.result?.summary as Record<string, number>;
    expect(summary.layers).toBeGreaterThan(0);
    expect(parameters(run.bytes)).toBeLessThan(parameters(run.input));
    const lines: Float32Array[] = [];
    for await (const sample of (await ocrLines(4)).samples()) lines.push(Object.values(sample.inputs)[0]?.data as Float32Array);
    const data = new Float32Array(lines.length * lines[0].length);
    lines.forEach((line, i) => data.set(line, i * line.length));
    const feed = { x: { dims: [lines.length, 3, 48, 320], data } };
    expect(compareOutputs(await runOnnx(model, feed), await runOnnx(run.bytes, feed)).cosine).toBeGreaterThan(0.999);
  });
});
