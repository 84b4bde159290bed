/**
 * @jest-environment ./test/single-realm-environment.cjs
 *
 * Kernel calls through the stage host, checked against ONNX Runtime (QuantizeLinear, MatMulNBits)
 * and plain TypeScript references.
 */
import { ErrorCode } from '@edgepress/errors';
import { readModel, writeModel } from '@edgepress/onnx';
import type { TensorHandle } from '@edgepress/plugin-sdk';
import { matmulNet, quantizeLinearNet, runOrt, seededFloats } from '../../test/stage-host/models';
import { connectKernels } from './kernel-connection';
import { createStageHost, type StageHost } from './create-stage-host';

const kernels = connectKernels().kernels;
let matmulBytes: Uint8Array;

beforeAll(() => {
  matmulBytes = matmulNet();
});

function host(): StageHost {
  return createStageHost({ model: readModel(matmulBytes), kernels });
}

async function write(stage: StageHost, dims: number[], values: Float32Array | Int8Array | Uint8Array, dataType: 'float' | 'int8' | 'uint8' = 'float'): Promise<TensorHandle> {
  return stage.handler['tensors.write']({ dataType, dims, values });
}

async function read(stage: StageHost, handle: TensorHandle) {
  return stage.handler['tensors.read'](handle);
}

async function floats(stage: StageHost, handle: TensorHandle): Promise<number[]> {
  return Array.from((await read(stage, handle)).values as Float32Array);
}

describe('kernels.quantize and dequantize', () => {
  it.each([
    ['int8 per channel, symmetric', { dataType: 'int8', granularity: 'per-channel', axis: 0 }, 0, 'INT8'],
    ['uint8 per tensor, asymmetric', { dataType: 'uint8', granularity: 'per-tensor', symmetric: false }, null, 'UINT8'],
    ['int8 per channel on axis 1, reduce_range', { dataType: 'int8', granularity: 'per-channel', axis: -1, reduceRange: true }, 1, 'INT8'],
  ] as const)('%s matches ONNX Runtime QuantizeLinear with the same scales', async (_label, options, axis, zeroPointType) => {
    const stage = host();
    const dims = [6, 10];
    const x = seededFloats(60, 3, 2);
    const q = await stage.handler['kernels.quantize'](await write(stage, dims, x), options);
    expect(q.quantized).toMatchObject({ dataType: options.dataType, dims });
    const scale = (await read(stage, q.scale)).values as Float32Array;
    const zeroPoint = (await read(stage, q.zeroPoint)).values as Int8Array | Uint8Array;
    expect(q.scale.dims).toEqual(axis === null ? [] : [dims[axis]]);
    const onnx = await runOrt(quantizeLinearNet(dims, axis, zeroPointType), { x: { dims, data: x }, scale: { dims: q.scale.dims as number[], data: scale }, zero_point: { dims: q.scale.dims as number[], data: zeroPoint } });
    const ours = Array.from((await read(stage, q.quantized)).values as Int8Array);
    if (options.dataType === 'int8' && !('reduceRange' in options)) {
      // Symmetric int8: scale = max |x| / 127 per channel, zero point 0.
      for (let c = 0; c < 6; c++) expect(scale[c]).toBe(Math.fround((2 * Math.max(...Array.from(x.subarray(c * 10, c * 10 + 10), Math.abs))) / 254));
      expect(Array.from(zeroPoint)).toEqual([0, 0, 0, 0, 0, 0]);
    }
    if ('reduceRange' in options) expect(ours.every((v) => v >= -63 && v <= 63) && ours.some((v) => Math.abs(v) === 63)).toBe(true);
    expect(ours).toEqual(Array.from(onnx.y.data));
    const restored = await stage.handler['kernels.dequantize'](q, axis === null ? {} : { axis });
    const back = await floats(stage, restored);
    back.forEach((v, i) => expect(Math.abs(v - x[i])).toBeLessThanOrEqual((axis === 1 ? scale[i % 10] : axis === 0 ? scale[Math.floor(i / 10)] : scale[0]) / 2 + 1e-6));
  });

  it('quantizes block-wise int4 (unpacked to one value per element) and dequantizes within half a step', async () => {
    const stage = host();
    const x = seededFloats(64, 9);
    const q = await stage.handler['kernels.quantize'](await write(stage, [16, 4], x), { dataType: 'int4', granularity: 'block', axis: 0, blockSize: 8 });
    expect(q.scale.dims).toEqual([2, 4]);
    const values = Array.from((await read(stage, q.quantized)).values as Int8Array);
    expect(values).toHaveLength(64);
    expect(values.every((v) => v >= -8 && v <= 7)).toBe(true);
    const scale = (await read(stage, q.scale)).values as Float32Array;
    const back = await floats(stage, await stage.handler['kernels.dequantize'](q, { axis: 0, blockSize: 8 }));
    back.forEach((v, i) => {
      const row = Math.floor(i / 4);
      const step = scale[Math.floor(row / 8) * 4 + (i % 4)];
      expect(Math.abs(v - x[i])).toBeLessThanOrEqual(step / 2 + 1e-6);
      expect(v).toBeCloseTo(values[i] * step, 5);
    });
  });

  it('packs a MatMul weight in the MatMulNBits layout that ONNX Runtime reads', async () => {
    const stage = host();
    const graph = await stage.handler['model.graph']();
    const w = graph.weights[0];
    const weight = (await read(stage, w.tensor)).values as Float32Array;
    const packed = await stage.handler['kernels.quantizeMatMulNBits'](w.tensor, { blockSize: 16 });
    expect(packed).toMatchObject({ k: 16, n: 8, blockSize: 16, packed: { dataType: 'uint8', dims: [8, 1, 8] }, scales: { dims: [8] } });
    for (const [name, handle] of [['w_q', packed.packed], ['w_scales', packed.scales], ['w_zp', packed.zeroPoints as TensorHandle]] as const) await stage.handler['model.setWeight'](name, handle);
    await stage.handler['model.ensureOpset']('com.microsoft', 1);
    await stage.handler['model.removeNodes'](['mm']);
    await stage.handler['model.addNode']({ opType: 'MatMulNBits', domain: 'com.microsoft', inputs: ['x', 'w_q', 'w_scales', 'w_zp'], outputs: ['y'], attributes: { K: 16, N: 8, bits: 4, block_size: 16 } });
    await stage.handler['model.removeWeights'](['w']);
    const x = seededFloats(32, 5);
    const out = await runOrt(writeModel(stage.model), { x: { dims: [2, 16], data: x } });
    // Reference: decode the packed bytes as the layout says, then multiply in plain TypeScript.
    const bytes = (await read(stage, packed.packed)).values as Uint8Array;
    const scales = (await read(stage, packed.scales)).values as Float32Array;
    const zeros = (await read(stage, packed.zeroPoints as TensorHandle)).values as Uint8Array;
    const decoded = (k: number, n: number) => ((bytes[n * 8 + (k >> 1)] >> ((k & 1) * 4)) & 15) - (zeros[n] & 15);
    for (let row = 0; row < 2; row++) {
      for (let n = 0; n < 8; n++) {
        let exact = 0;
        let reference = 0;
        for (let k = 0; k < 16; k++) {
          reference += x[row * 16 + k] * decoded(k, n) * scales[n];
          exact += x[row * 16 + k] * weight[k * 8 + n];
        }
        expect(out.y.data[row * 8 + n]).toBeCloseTo(reference, 4);
        expect(Math.abs(out.y.data[row * 8 + n] - exact)).toBeLessThan(0.5);
      }
    }
  });

  it('gives binary and ternary signs with one scale per channel', async () => {
    const stage = host();
    const x = Float32Array.from([1, -2, 0.1, 4, -0.5, 0.5, 3, -3]);
    const binary = await stage.handler['kernels.quantizeBinary'](await write(stage, [2, 4], x), { axis: 0 });
    expect(Array.from((await read(stage, binary.signs)).values as Int8Array)).toEqual([1, -1, 1, 1, -1, 1, 1, -1]);
    expect(await floats(stage, binary.scale)).toEqual([Math.fround(7.1 / 4), Math.fround(7 / 4)]);
    const ternary = await stage.handler['kernels.quantizeBinary'](await write(stage, [2, 4], x), { axis: 0, ternaryThreshold: 0.7 });
    // Channel 0: threshold 0.7 * 7.1 / 4 = 1.2425, so 1 and 0.1 become 0.
    expect(Array.from((await read(stage, ternary.signs)).values as Int8Array).slice(0, 4)).toEqual([0, -1, 0, 1]);
  });
});

describe('kernels pruning, packing and clustering', () => {
  it('prunes exactly floor(sparsity * n) elements with magnitudeThreshold + magnitudePrune', async () => {
    const stage = host();
    const a = await write(stage, [50, 20], seededFloats(1000, 1));
    const b = await write(stage, [300], seededFloats(300, 2, 3));
    const threshold = await stage.handler['kernels.magnitudeThreshold']([a, b], 0.37);
    let zeros = 0;
    for (const handle of [a, b]) zeros += (await floats(stage, await stage.handler['kernels.magnitudePrune'](handle, threshold))).filter((v) => v === 0).length;
    expect(zeros).toBe(Math.floor(0.37 * 1300));
    expect(await stage.handler['kernels.magnitudeThreshold']([a], 0)).toBe(0);
    const all = await stage.handler['kernels.magnitudeThreshold']([a], 1);
    expect((await floats(stage, await stage.handler['kernels.magnitudePrune'](a, all))).every((v) => v === 0)).toBe(true);
    const ties = await write(stage, [8], Float32Array.from([1, -1, 1, 2, -2, 3, 1, 4]));
    expect(await stage.handler['kernels.magnitudeThreshold']([ties], 0.25)).toBe(1);
  });

  it('keeps the n largest of every m along an axis (N:M)', async () => {
    const stage = host();
    const x = seededFloats(32, 4);
    const pruned = await floats(stage, await stage.handler['kernels.nmPrune'](await write(stage, [4, 8], x), { n: 2, m: 4, axis: 1 }));
    for (let group = 0; group < 8; group++) {
      const original = Array.from(x.subarray(group * 4, group * 4 + 4));
      const kept = [...original].sort((p, q) => Math.abs(q) - Math.abs(p)).slice(0, 2);
      expect(pruned.slice(group * 4, group * 4 + 4)).toEqual(original.map((v) => (kept.includes(v) ? v : 0)));
    }
  });

  it('scores channels by L1 and L2 norms', async () => {
    const stage = host();
    const x = seededFloats(24, 6);
    const handle = await write(stage, [2, 3, 4], x);
    const l1 = await stage.handler['kernels.channelImportance'](handle, { axis: 1, norm: 'l1' });
    const l2 = await stage.handler['kernels.channelImportance'](handle, { axis: 1, norm: 'l2' });
    for (let c = 0; c < 3; c++) {
      const slice = [0, 1].flatMap((o) => Array.from(x.subarray(o * 12 + c * 4, o * 12 + c * 4 + 4)));
      expect(l1[c]).toBeCloseTo(slice.reduce((s, v) => s + Math.abs(v), 0), 5);
      expect(l2[c]).toBeCloseTo(Math.sqrt(slice.reduce((s, v) => s + v * v, 0)), 5);
    }
  });

  it('packs non-zeros as CSR (a Conv weight by output channel) that rebuilds the dense values', async () => {
    const stage = host();
    const x = seededFloats(2 * 3 * 2 * 2, 8).map((v, i) => (i % 3 === 0 ? 0 : v));
    const csr = await stage.handler['kernels.csrPack'](await write(stage, [2, 3, 2, 2], x));
    expect([csr.rows, csr.cols]).toEqual([2, 12]);
    const indptr = (await read(stage, csr.indptr)).values as Int32Array;
    const indices = (await read(stage, csr.indices)).values as Int32Array;
    const values = await floats(stage, csr.values);
    const dense = new Float32Array(24);
    for (let r = 0; r < 2; r++) for (let j = indptr[r]; j < indptr[r + 1]; j++) dense[r * 12 + indices[j]] = values[j];
    expect(Array.from(dense)).toEqual(Array.from(x));
  });

  it('clusters weights with k-means and measures Huffman code lengths of the indices', async () => {
    const stage = host();
    const centres = [-1, 0, 0.5, 2];
    const x = Float32Array.from({ length: 400 }, (_, i) => centres[i % 4] + (seededFloats(1, i + 1)[0] * 0.01));
    const result = await stage.handler['kernels.kmeans'](await write(stage, [20, 20], x), { k: 4, seed: 1 });
    const codebook = await floats(stage, result.codebook);
    const indices = (await read(stage, result.indices)).values as Uint8Array;
    expect(result.indices.dims).toEqual([20, 20]);
    codebook.forEach((c, i) => expect(c).toBeCloseTo(centres[i], 1));
    const mse = Array.from(x).reduce((sum, v, i) => sum + (v - codebook[indices[i]]) ** 2, 0) / 400;
    expect(result.meanSquaredError).toBeCloseTo(mse, 8);
    const skewed = Uint8Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : i < 90 ? 1 : i < 97 ? 2 : 3));
    const code = await stage.handler['kernels.huffmanCodeLengths'](await write(stage, [100], skewed, 'uint8'));
    const counts = [70, 20, 7, 3];
    expect(code.totalBits).toBe(counts.reduce((sum, count, s) => sum + count * code.lengths[s], 0));
    expect(counts.reduce((sum, _count, s) => sum + 2 ** -code.lengths[s], 0)).toBeLessThanOrEqual(1);
    expect(code.lengths[0]).toBe(1);
  });

  it('factors a rank-2 matrix exactly and a Conv weight with Tucker-2 at ranks or an energy', async () => {
    const stage = host();
    const u = seededFloats(12, 11);
    const v = seededFloats(10, 12);
    const m = Float32Array.from({ length: 60 }, (_, i) => u[Math.floor(i / 10)] * v[i % 10] + u[6 + Math.floor(i / 10)] * v[(i + 3) % 10]);
    const factors = await stage.handler['kernels.lowRank'](await write(stage, [6, 10], m), { rank: 2 });
    const left = await floats(stage, factors.left);
    const right = await floats(stage, factors.right);
    expect([factors.left.dims, factors.right.dims, factors.rank]).toEqual([[6, 2], [2, 10], 2]);
    for (let i = 0; i < 60; i++) expect(left[Math.floor(i / 10) * 2] * right[i % 10] + left[Math.floor(i / 10) * 2 + 1] * right[10 + (i % 10)]).toBeCloseTo(m[i], 4);
    expect(factors.energy).toBeCloseTo(1, 5);
    const byEnergy = await stage.handler['kernels.lowRank'](await write(stage, [6, 10], m), { energy: 0.999 });
    expect(byEnergy.rank).toBeLessThanOrEqual(2);

    const weight = await write(stage, [8, 6, 3, 3], seededFloats(432, 13));
    const tucker = await stage.handler['kernels.tucker2'](weight, { ranks: [4, 3] });
    expect([tucker.first.dims, tucker.core.dims, tucker.last.dims, tucker.ranks]).toEqual([[3, 6, 1, 1], [4, 3, 3, 3], [8, 4, 1, 1], [4, 3]]);
    expect(tucker.relativeError).toBeGreaterThan(0);
    const full = await stage.handler['kernels.tucker2'](weight, { energy: 1 });
    expect(full.ranks).toEqual([8, 6]);
    expect(full.relativeError).toBeLessThan(1e-6);
  });
});

describe('untrusted kernel arguments', () => {
  it.each([
    ['kernels.quantize', /float, float16 or bfloat16/, async (s: StageHost) => [await write(s, [2], Int8Array.from([1, 2]), 'int8'), { dataType: 'int8', granularity: 'per-tensor' }]],
    ['kernels.quantize', /options.dataType/, async (s: StageHost) => [await write(s, [2], new Float32Array(2)), { dataType: 'int2', granularity: 'per-tensor' }]],
    ['kernels.quantize', /options.axis/, async (s: StageHost) => [await write(s, [2], new Float32Array(2)), { dataType: 'int8', granularity: 'per-channel', axis: 3 }]],
    ['kernels.quantize', /blockSize/, async (s: StageHost) => [await write(s, [2], new Float32Array(2)), { dataType: 'int8', granularity: 'per-channel', blockSize: 2 }]],
    ['kernels.quantize', /Unknown option "rounding"/, async (s: StageHost) => [await write(s, [2], new Float32Array(2)), { dataType: 'int8', granularity: 'per-tensor', rounding: 'up' }]],
    ['kernels.nmPrune', /options.n/, async (s: StageHost) => [await write(s, [4], new Float32Array(4)), { n: 4, m: 4, axis: 0 }]],
    ['kernels.magnitudeThreshold', /sparsity/, async (s: StageHost) => [[await write(s, [4], new Float32Array(4))], 1.5]],
    ['kernels.magnitudePrune', /threshold/, async (s: StageHost) => [await write(s, [4], new Float32Array(4)), Number.NaN]],
    ['kernels.lowRank', /exactly one/, async (s: StageHost) => [await write(s, [2, 2], new Float32Array(4)), { rank: 1, energy: 0.5 }]],
    ['kernels.tucker2', /Conv weight/, async (s: StageHost) => [await write(s, [2, 2], new Float32Array(4)), { ranks: [1, 1] }]],
    ['kernels.huffmanCodeLengths', /uint8/, async (s: StageHost) => [await write(s, [2], new Float32Array(2))]],
    ['kernels.dequantize', /input.quantized/, async (s: StageHost) => [{ quantized: await write(s, [2], new Float32Array(2)), scale: await write(s, [], new Float32Array(1)), zeroPoint: await write(s, [], new Float32Array(1)) }, {}]],
  ] as const)('%s refuses %p', async (method, message, args) => {
    const stage = host();
    const call = stage.handler[method] as (...a: unknown[]) => Promise<unknown>;
    await expect(call(...(await args(stage)))).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, message: expect.stringMatching(message) });
  });
});
