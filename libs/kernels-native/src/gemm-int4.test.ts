import fc from 'fast-check';
import { buildModels, ElemType, session, tensor, type ModelSpec } from '../test/fixtures/ort-models';
import { int4Kernels, matmulNBits, prepareInt4Weights, quantizeInt4Weights, type Int4Weights } from './gemm-int4';
import { roundHalfToEven } from './quantize-params';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The quantizer's rules (src/native/gemm_int4_quantize.cc), written out plainly. */
function quantizeReference(w: Float32Array, k: number, n: number, blockSize: number, symmetric: boolean): Int4Weights {
  const blocks = Math.ceil(k / blockSize);
  const data = new Uint8Array(n * blocks * (blockSize / 2));
  const scales = new Float32Array(n * blocks);
  const zeroPoints = new Uint8Array(n * Math.ceil(blocks / 2));
  for (let col = 0; col < n; col++) {
    for (let j = 0; j < blocks; j++) {
      const values: number[] = [];
      for (let kk = j * blockSize; kk < Math.min(k, (j + 1) * blockSize); kk++) values.push(w[kk * n + col] as number);
      const min = Math.min(0, ...values);
      const max = Math.max(0, ...values);
      let scale: number;
      let zp: number;
      if (symmetric) {
        const s = Math.max(-min / 8, max / 7);
        [scale, zp] = s < 1.1754943508222875e-38 ? [1, 8] : [Math.fround(s), 8];
      } else {
        const s = (max - min) / 15;
        [scale, zp] = s < 1.1754943508222875e-38 ? [1, 0] : [Math.fround(s), Math.min(15, Math.max(0, roundHalfToEven(-min / s)))];
      }
      scales[col * blocks + j] = scale;
      zeroPoints[col * Math.ceil(blocks / 2) + (j >> 1)] |= zp << ((j & 1) * 4);
      values.forEach((v, i) => {
        const q = Math.min(15, Math.max(0, roundHalfToEven(Math.fround(v / scale)) + zp));
        data[(col * blocks + j) * (blockSize / 2) + (i >> 1)] |= q << ((i & 1) * 4);
      });
    }
  }
  return symmetric ? { k, n, blockSize, data, scales } : { k, n, blockSize, data, scales, zeroPoints };
}

/** dequant(B)^T as a [K, N] float64 matrix. */
function dequantized(w: Int4Weights): Float64Array {
  const { k, n, blockSize } = w;
  const blocks = Math.ceil(k / blockSize);
  const out = new Float64Array(k * n);
  for (let col = 0; col < n; col++) {
    for (let kk = 0; kk < k; kk++) {
      const j = Math.floor(kk / blockSize);
      const i = kk % blockSize;
      const q = ((w.data[(col * blocks + j) * (blockSize / 2) + (i >> 1)] as number) >> ((i & 1) * 4)) & 15;
      const zp = w.zeroPoints ? ((w.zeroPoints[col * Math.ceil(blocks / 2) + (j >> 1)] as number) >> ((j & 1) * 4)) & 15 : 8;
      out[kk * n + col] = (q - zp) * (w.scales[col * blocks + j] as number);
    }
  }
  return out;
}

interface Case {
  m: number;
  k: number;
  n: number;
  blockSize: number;
  symmetric: boolean;
  bias: boolean;
  seed: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  m: fc.constantFrom(1, 3, 7, 16),
  k: fc.constantFrom(16, 31, 64, 100, 257),
  n: fc.constantFrom(1, 7, 16, 17, 33),
  blockSize: fc.constantFrom(16, 32, 64, 128),
  symmetric: fc.boolean(),
  bias: fc.boolean(),
  seed: fc.integer(),
});

function inputs(c: Case) {
  const rand = random(c.seed);
  const w = Float32Array.from({ length: c.k * c.n }, () => (rand() - 0.45) * 2 * (1 + Math.floor(rand() * 3)));
  const a = Float32Array.from({ length: c.m * c.k }, () => rand() * 2 - 1);
  const bias = c.bias ? Float32Array.from({ length: c.n }, () => rand() - 0.5) : undefined;
  return { w, a, bias };
}

/** |ours - expected| within float32 rounding of a sum of k products. */
function expectCloseToSum(ours: Float32Array, expected: ArrayLike<number>, magnitude: ArrayLike<number>): void {
  for (let i = 0; i < ours.length; i++) {
    const tolerance = 2e-6 * (magnitude[i] as number) + 1e-6;
    if (!(Math.abs((ours[i] as number) - (expected[i] as number)) <= tolerance)) throw new Error(`y[${i}]: ${ours[i]} vs ${expected[i]}`);
  }
}

function reference(a: Float32Array, wq: Float64Array, bias: Float32Array | undefined, m: number, k: number, n: number) {
  const y = new Float64Array(m * n);
  const magnitude = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let col = 0; col < n; col++) {
      let sum = bias ? (bias[col] as number) : 0;
      let abs = Math.abs(sum);
      for (let kk = 0; kk < k; kk++) {
        const p = (a[r * k + kk] as number) * (wq[kk * n + col] as number);
        sum += p;
        abs += Math.abs(p);
      }
      y[r * n + col] = sum;
      magnitude[r * n + col] = abs;
    }
  }
  return { y, magnitude };
}

describe('4-bit block-wise weights (MatMulNBits)', () => {
  const cases = fc.sample(caseArb, { numRuns: 24, seed: 20240607 });

  it('quantizes to the documented layout and rules, within half a step of the input', async () => {
    for (const c of cases) {
      const { w } = inputs(c);
      const ours = await quantizeInt4Weights({ data: w, shape: [c.k, c.n] }, { blockSize: c.blockSize, symmetric: c.symmetric });
      const expected = quantizeReference(w, c.k, c.n, c.blockSize, c.symmetric);
      expect(Array.from(ours.scales)).toEqual(Array.from(expected.scales));
      expect(Array.from(ours.data)).toEqual(Array.from(expected.data));
      expect(ours.zeroPoints === undefined).toBe(c.symmetric);
      if (ours.zeroPoints) expect(Array.from(ours.zeroPoints)).toEqual(Array.from(expected.zeroPoints ?? []));
      const back = dequantized(ours);
      const blocks = Math.ceil(c.k / c.blockSize);
      let worst = 0;
      for (let kk = 0; kk < c.k; kk++) {
        for (let col = 0; col < c.n; col++) {
          const scale = ours.scales[col * blocks + Math.floor(kk / c.blockSize)] as number;
          worst = Math.max(worst, Math.abs((back[kk * c.n + col] as number) - (w[kk * c.n + col] as number)) / scale);
        }
      }
      expect(worst).toBeLessThanOrEqual(0.5 + 1e-6);
    }
  });

  it('multiplies like ONNX Runtime MatMulNBits, whose model takes the same bytes, on every kernel and 1 or 2 threads', async () => {
    const prepared = await Promise.all(
      cases.map(async (c) => {
        const x = inputs(c);
        return { c, x, weights: await quantizeInt4Weights({ data: x.w, shape: [c.k, c.n] }, { blockSize: c.blockSize, symmetric: c.symmetric }) };
      }),
    );
    const specs: ModelSpec[] = prepared.map(({ c, x, weights }) => {
      const blocks = Math.ceil(c.k / c.blockSize);
      const initializers = [
        { name: 'b', elemType: ElemType.UINT8, dims: [c.n, blocks, c.blockSize / 2], raw: weights.data },
        { name: 's', elemType: ElemType.FLOAT, dims: [c.n * blocks], raw: weights.scales },
        ...(weights.zeroPoints ? [{ name: 'z', elemType: ElemType.UINT8, dims: [c.n * Math.ceil(blocks / 2)], raw: weights.zeroPoints }] : []),
        ...(x.bias ? [{ name: 'bias', elemType: ElemType.FLOAT, dims: [c.n], raw: x.bias }] : []),
      ];
      return {
        opsets: { '': 21, 'com.microsoft': 1 },
        nodes: [
          {
            op: 'MatMulNBits',
            domain: 'com.microsoft',
            inputs: ['a', 'b', 's', weights.zeroPoints ? 'z' : '', '', x.bias ? 'bias' : ''],
            outputs: ['y'],
            attrs: { K: c.k, N: c.n, bits: 4, block_size: c.blockSize, accuracy_level: 0 },
          },
        ],
        inputs: [{ name: 'a', elemType: ElemType.FLOAT, shape: [c.m, c.k] }],
        outputs: [{ name: 'y', elemType: ElemType.FLOAT, shape: [c.m, c.n] }],
        initializers,
      };
    });
    const models = buildModels(specs);
    for (const [i, { c, x, weights }] of prepared.entries()) {
      const expected = (await (await session(models[i])).run({ a: tensor('float32', x.a, [c.m, c.k]) })).y.data as Float32Array;
      const { magnitude } = reference(x.a, dequantized(weights), x.bias, c.m, c.k, c.n);
      for (const kernel of int4Kernels().filter((name) => name !== 'auto')) {
        const one = await matmulNBits({ data: x.a, shape: [c.m, c.k] }, weights, { bias: x.bias, kernel, threads: 1 });
        const two = await matmulNBits({ data: x.a, shape: [c.m, c.k] }, weights, { bias: x.bias, kernel, threads: 2 });
        expect(one.shape).toEqual([c.m, c.n]);
        expect(Array.from(two.data)).toEqual(Array.from(one.data));
        expectCloseToSum(one.data, expected, magnitude);
      }
    }
  });

  it('gives prepared weights the same products as plain ones, and keeps them from later writes to the source arrays', async () => {
    for (const [m, k, n, blockSize] of [
      [1, 4096, 40, 32],
      [3, 1000, 33, 128],
      [1, 256, 17, 16],
      [9, 300, 21, 64],
    ] as const) {
      const c: Case = { m, k, n, blockSize, symmetric: false, bias: true, seed: k + n };
      const x = inputs(c);
      const weights = await quantizeInt4Weights({ data: x.w, shape: [k, n] }, { blockSize });
      const prepared = prepareInt4Weights(weights);
      const plain = await matmulNBits({ data: x.a, shape: [m, k] }, weights, { bias: x.bias });
      const { y, magnitude } = reference(x.a, dequantized(weights), x.bias, m, k, n);
      expectCloseToSum(plain.data, y, magnitude);
      weights.scales.fill(1);
      weights.data.fill(0);
      for (const threads of [1, 2]) {
        expect(Array.from((await matmulNBits({ data: x.a, shape: [m, k] }, prepared, { bias: x.bias, threads })).data)).toEqual(Array.from(plain.data));
      }
    }
  });

  it('matches a float64 reference on a larger product split across threads', async () => {
    const c: Case = { m: 19, k: 520, n: 70, blockSize: 64, symmetric: false, bias: true, seed: 5 };
    const x = inputs(c);
    const weights = await quantizeInt4Weights({ data: x.w, shape: [c.k, c.n] }, { blockSize: 64, threads: 2 });
    const ours = await matmulNBits({ data: x.a, shape: [c.m, c.k] }, weights, { bias: x.bias, threads: 2 });
    const { y, magnitude } = reference(x.a, dequantized(weights), x.bias, c.m, c.k, c.n);
    expectCloseToSum(ours.data, y, magnitude);
  });
});

describe('4-bit weights argument errors', () => {
  const w = { data: new Float32Array(64 * 4).fill(0.5), shape: [64, 4] };

  it.each([
    ['a block size that is not a power of two', 'blockSize', () => quantizeInt4Weights(w, { blockSize: 48 })],
    ['a block size below 16', 'blockSize', () => quantizeInt4Weights(w, { blockSize: 8 })],
    ['weights that are not a matrix', 'w.shape', () => quantizeInt4Weights({ data: new Float32Array(64), shape: [64] })],
  ] as const)('rejects %s naming %s', async (_what, argument, call) => {
    await expect(call()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { argument } });
  });

  it('rejects non-finite weights, wrong byte counts, bad scales and mismatched K', async () => {
    const nan = Float32Array.from(w.data);
    nan[9] = NaN;
    await expect(quantizeInt4Weights({ data: nan, shape: [64, 4] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('w[9]') });
    const good = await quantizeInt4Weights(w, { blockSize: 16 });
    const a = { data: new Float32Array(64), shape: [1, 64] };
    await expect(matmulNBits(a, { ...good, data: good.data.subarray(1) })).rejects.toMatchObject({ details: { argument: 'b.data' } });
    await expect(matmulNBits(a, { ...good, scales: good.scales.map((s, i) => (i === 3 ? 0 : s)) })).rejects.toMatchObject({ details: { argument: 'b.scales[3]' } });
    await expect(matmulNBits(a, { ...good, blockSize: 24 })).rejects.toMatchObject({ details: { argument: 'b.blockSize' } });
    await expect(matmulNBits({ data: new Float32Array(32), shape: [1, 32] }, good)).rejects.toMatchObject({ details: { argument: 'b.k' } });
    await expect(matmulNBits(a, good, { bias: new Float32Array(3) })).rejects.toMatchObject({ details: { argument: 'bias' } });
    await expect(matmulNBits(a, good, { threads: 65 })).rejects.toMatchObject({ details: { argument: 'threads' } });
    expect(() => prepareInt4Weights({ ...good, scales: good.scales.map((s, i) => (i === 2 ? NaN : s)) })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'b.scales[2]' } }));
    const prepared = prepareInt4Weights(good);
    await expect(matmulNBits({ data: new Float32Array(32), shape: [1, 32] }, prepared)).rejects.toMatchObject({ details: { argument: 'b.k' } });
    await expect(matmulNBits(a, prepared, { maxElements: 100 })).rejects.toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
  });
});
