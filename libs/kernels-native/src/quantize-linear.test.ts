import fc from 'fast-check';
import { buildModels, ElemType, session, tensor, type ModelSpec, type NodeSpec, type OrtSession, type OrtTensor, type ValueSpec } from '../test/fixtures/ort-models';
import { packNibbles, quantizeReference, unpackNibbles } from '../test/fixtures/quantize-reference';
import { dequantizeLinear, quantizeLinear, type QuantizationParams } from './quantize-linear';
import { quantizedRange, type QuantizedType } from './quantize-types';

interface Case {
  type: QuantizedType;
  opset: 13 | 21;
  axis?: number;
  blockSize?: number;
}

const CASES: Case[] = [
  { type: 'uint8', opset: 13 },
  { type: 'int8', opset: 13 },
  { type: 'uint8', opset: 13, axis: 0 },
  { type: 'int8', opset: 13, axis: 1 },
  { type: 'uint8', opset: 13, axis: 2 },
  { type: 'int8', opset: 13, axis: -1 },
  { type: 'int4', opset: 21 },
  { type: 'uint4', opset: 21 },
  { type: 'int4', opset: 21, axis: 1 },
  { type: 'uint4', opset: 21, axis: 0 },
  { type: 'int8', opset: 21, axis: 0, blockSize: 3 },
  { type: 'uint8', opset: 21, axis: 1, blockSize: 16 },
  { type: 'int8', opset: 21, axis: 2, blockSize: 1 },
  { type: 'int4', opset: 21, axis: -1, blockSize: 4 },
  { type: 'uint4', opset: 21, axis: 1, blockSize: 3 },
  { type: 'int4', opset: 21, axis: 0, blockSize: 32 },
];

const ELEM: Record<QuantizedType, number> = { int8: ElemType.INT8, uint8: ElemType.UINT8, int4: ElemType.INT4, uint4: ElemType.UINT4 };

function caseName(c: Case): string {
  const layout = c.axis === undefined ? 'per tensor' : c.blockSize === undefined ? `axis ${c.axis}` : `axis ${c.axis} block ${c.blockSize}`;
  return `${c.type} ${layout} (opset ${c.opset})`;
}

// onnxruntime-node cannot feed or fetch int4/uint4 tensors, so 4-bit models take and return the
// values as int8 and Cast to and from the 4-bit type inside the graph.
function models(c: Case): { quantize: ModelSpec; dequantize: ModelSpec } {
  const attrs: Record<string, number> = {};
  if (c.axis !== undefined) attrs.axis = c.axis;
  if (c.blockSize !== undefined) attrs.block_size = c.blockSize;
  const v = (name: string, elemType: number): ValueSpec => ({ name, elemType, shape: null });
  const wide = is4Bit(c) ? ElemType.INT8 : ELEM[c.type];
  const cast = (from: string, to: string, elemType: number): NodeSpec => ({ op: 'Cast', inputs: [from], outputs: [to], attrs: { to: elemType } });
  const casts = is4Bit(c);
  const zIn: NodeSpec[] = casts ? [cast('zw', 'z', ELEM[c.type])] : [];
  const quantize: ModelSpec = {
    opsets: { '': c.opset },
    nodes: [...zIn, { op: 'QuantizeLinear', inputs: ['x', 's', casts ? 'z' : 'zw'], outputs: [casts ? 'q' : 'y'], attrs }, ...(casts ? [cast('q', 'y', ElemType.INT8)] : [])],
    inputs: [v('x', ElemType.FLOAT), v('s', ElemType.FLOAT), v('zw', wide)],
    outputs: [v('y', wide)],
  };
  const dequantize: ModelSpec = {
    opsets: { '': c.opset },
    nodes: [...zIn, ...(casts ? [cast('xw', 'x', ELEM[c.type])] : []), { op: 'DequantizeLinear', inputs: [casts ? 'x' : 'xw', 's', casts ? 'z' : 'zw'], outputs: ['y'], attrs }],
    inputs: [v('xw', wide), v('s', ElemType.FLOAT), v('zw', wide)],
    outputs: [v('y', ElemType.FLOAT)],
  };
  return { quantize, dequantize };
}

function is4Bit(c: Case): boolean {
  return c.type === 'int4' || c.type === 'uint4';
}


/** Deterministic values for one property run (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type ScaleKind = 'pow2' | 'random' | 'tiny' | 'huge';

function paramShape(shape: number[], c: Case): number[] {
  if (c.axis === undefined) return [];
  const axis = c.axis < 0 ? c.axis + shape.length : c.axis;
  if (c.blockSize === undefined) return [shape[axis] as number];
  return shape.map((d, i) => (i === axis ? Math.ceil(d / (c.blockSize as number)) : d));
}

function makeInputs(shape: number[], c: Case, seed: number, kind: ScaleKind) {
  const rand = random(seed);
  const { qmin, qmax } = quantizedRange(c.type);
  const pShape = paramShape(shape, c);
  const pCount = pShape.reduce((a, b) => a * b, 1);
  const scale = new Float32Array(pCount);
  const zeroPoint = new Int32Array(pCount);
  for (let i = 0; i < pCount; i++) {
    scale[i] =
      kind === 'pow2' ? 2 ** Math.floor(rand() * 12 - 8) : kind === 'tiny' ? 1e-38 * (1 + rand() * 100) : kind === 'huge' ? 1e30 * (1 + rand()) : 10 ** (rand() * 7 - 4);
    zeroPoint[i] = qmin + Math.floor(rand() * (qmax - qmin + 1));
  }
  const params: QuantizationParams = { scale, zeroPoint, axis: c.axis, blockSize: c.blockSize };
  const count = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(count);
  const span = (qmax - qmin) * 1.3;
  const pick = (s: number, z: number): number => {
    const r = rand();
    if (r < 0.1) return (Math.floor(rand() * span) - span / 2 + 0.5) * s; // exact .5 ties when s is a power of two
    if (r < 0.14) return rand() < 0.5 ? Infinity : -Infinity;
    if (r < 0.18) return (rand() < 0.5 ? qmax - z : qmin - z) * s; // exactly at saturation
    if (r < 0.2) return rand() < 0.5 ? 3.4028234663852886e38 : -3.4028234663852886e38;
    if (r < 0.23) return 0;
    return (rand() - 0.5) * span * s;
  };
  const indexOf = paramIndexFor(shape, c);
  for (let i = 0; i < count; i++) {
    const p = indexOf(i);
    x[i] = pick(scale[p] as number, zeroPoint[p] as number);
  }
  return { x, params, pShape };
}

function paramIndexFor(shape: number[], c: Case): (i: number) => number {
  if (c.axis === undefined) return () => 0;
  const axis = c.axis < 0 ? c.axis + shape.length : c.axis;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const dim = shape[axis] as number;
  if (c.blockSize === undefined) return (i) => Math.floor(i / inner) % dim;
  const blocks = Math.ceil(dim / c.blockSize);
  return (i) => (Math.floor(i / (inner * dim)) * blocks + Math.floor((Math.floor(i / inner) % dim) / (c.blockSize as number))) * inner + (i % inner);
}

/** 8-bit values as ORT takes them: uint8 as uint8, everything else (4-bit types too) as int8. */
function ortValues(c: Case, values: ArrayLike<number>, dims: readonly number[]): OrtTensor {
  return c.type === 'uint8' ? tensor('uint8', Uint8Array.from(values), dims) : tensor('int8', Int8Array.from(values), dims);
}

/** Our quantized data as one value per element (4-bit data unpacked). */
function valuesOf(c: Case, data: Int8Array | Uint8Array, count: number): Int8Array | Uint8Array {
  if (!is4Bit(c)) return data;
  return Int8Array.from(unpackNibbles(data as Uint8Array, count, c.type === 'int4'));
}

/** Where two typed arrays (from any realm) first differ byte-wise, or undefined when equal. */
function byteDifference(a: ArrayBufferView, b: ArrayBufferView): string | undefined {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) return `lengths ${x.length} vs ${y.length}`;
  const i = x.findIndex((v, j) => v !== y[j]);
  return i < 0 ? undefined : `byte ${i}: ${x[i]} vs ${y[i]}`;
}

const DIMS = [1, 2, 3, 7, 17, 31, 33, 67];

function shapeArb(c: Case): fc.Arbitrary<number[]> {
  const minRank = c.axis === undefined ? 1 : c.axis < 0 ? 1 : c.axis + 1;
  return fc
    .integer({ min: minRank, max: 3 })
    .chain((rank) => fc.array(fc.constantFrom(...DIMS), { minLength: rank, maxLength: rank }))
    .map((shape) => (shape.reduce((a, b) => a * b, 1) > 20000 ? shape.map((d, i) => (i === 0 ? Math.min(d, 3) : d)) : shape));
}

describe('quantizeLinear / dequantizeLinear against ONNX Runtime', () => {
  const sessions = new Map<Case, { quantize: OrtSession; dequantize: OrtSession }>();

  beforeAll(async () => {
    const specs = CASES.flatMap((c) => {
      const m = models(c);
      return [m.quantize, m.dequantize];
    });
    const bytes = buildModels(specs);
    for (let i = 0; i < CASES.length; i++) {
      sessions.set(CASES[i], { quantize: await session(bytes[2 * i]), dequantize: await session(bytes[2 * i + 1]) });
    }
  });

  it.each(CASES.map((c) => [caseName(c), c] as const))('%s matches bit for bit, including ties, saturation and +-Inf', async (_name, c) => {
    const { quantize, dequantize } = sessions.get(c) as { quantize: OrtSession; dequantize: OrtSession };
    await fc.assert(
      fc.asyncProperty(shapeArb(c), fc.integer(), fc.constantFrom<ScaleKind>('pow2', 'random', 'tiny', 'huge'), async (shape, seed, kind) => {
        const { x, params, pShape } = makeInputs(shape, c, seed, kind);
        const ours = await quantizeLinear({ data: x, shape }, c.type, params);
        expect(ours.shape).toEqual(shape);
        if (is4Bit(c)) expect(byteDifference(ours.data, packNibbles(valuesOf(c, ours.data, x.length)))).toBeUndefined();
        const oursBack = await dequantizeLinear(ours, params);
        // ONNX Runtime treats a one-element scale as per tensor and then refuses block_size.
        if (c.blockSize !== undefined && params.scale.length === 1) {
          expect(byteDifference(ours.data, quantizeReference(x, shape, c.type, params))).toBeUndefined();
          return;
        }
        const feeds = { x: tensor('float32', x, shape), s: tensor('float32', params.scale, pShape), zw: ortValues(c, params.zeroPoint as Int32Array, pShape) };
        const expected = Int32Array.from((await quantize.run(feeds)).y.data as Int8Array | Uint8Array);
        // ONNX Runtime's block-wise and 4-bit per-axis paths convert x / scale to an integer before
        // saturating, so +-Inf and |x / scale| >= 2^31 wrap there; ONNX specifies saturation (as
        // MLAS's per-tensor path and our kernels do), so those elements follow the spec reference.
        const reference = valuesOf(c, quantizeReference(x, shape, c.type, params), x.length);
        const index = paramIndexFor(shape, c);
        for (let i = 0; i < x.length; i++) {
          if (!(Math.abs((x[i] as number) / (params.scale[index(i)] as number)) < 2 ** 31)) expected[i] = reference[i] as number;
        }
        const oursValues = valuesOf(c, ours.data, x.length);
        expect(byteDifference(Int32Array.from(oursValues), expected)).toBeUndefined();
        const back = (await dequantize.run({ xw: ortValues(c, oursValues, shape), s: feeds.s, zw: feeds.zw })).y;
        expect(byteDifference(oursBack.data, back.data as Float32Array)).toBeUndefined();
      }),
      { numRuns: 25 },
    );
  });
});

describe('quantizeLinear on large tensors', () => {
  it('gives identical results with 1 and 2 threads, equal to the plain TypeScript reference', async () => {
    const shape = [9, 257, 61]; // above 2 x 65536 elements, so that 2 threads really split it
    for (const params of [
      { scale: Float32Array.from({ length: 257 }, (_, i) => 0.01 + i * 1e-4), axis: 1 },
      { scale: Float32Array.from({ length: 9 * 17 * 61 }, (_, i) => 0.02 + (i % 7) * 1e-3), zeroPoint: new Int32Array(9 * 17 * 61).fill(3), axis: 1, blockSize: 16 },
      { scale: Float32Array.of(0.05), zeroPoint: Int32Array.of(-3) },
    ] satisfies QuantizationParams[]) {
      const rand = random(7);
      const x = Float32Array.from({ length: 9 * 257 * 61 }, () => (rand() - 0.5) * 8);
      for (const type of ['int8', 'int4'] as const) {
        const one = await quantizeLinear({ data: x, shape }, type, params, { threads: 1 });
        const two = await quantizeLinear({ data: x, shape }, type, params, { threads: 2 });
        expect(byteDifference(two.data, one.data)).toBeUndefined();
        if (type === 'int8') expect(byteDifference(one.data, quantizeReference(x, shape, type, params))).toBeUndefined();
        const back1 = await dequantizeLinear(one, params, { threads: 1 });
        const back2 = await dequantizeLinear(one, params, { threads: 2 });
        expect(byteDifference(back2.data, back1.data)).toBeUndefined();
      }
    }
  }, 30000);

  it('writes into a caller-provided output (int8 and packed int4), with the same bytes as a fresh result', async () => {
    const rand = random(9);
    const x = Float32Array.from({ length: 3 * 1001 }, () => (rand() - 0.5) * 8);
    const params = { scale: Float32Array.of(0.02, 0.05, 0.1), axis: 0 };
    for (const [type, out] of [
      ['int8', new Int8Array(3 * 1001)],
      ['int4', new Uint8Array(Math.ceil((3 * 1001) / 2))],
    ] as const) {
      const fresh = await quantizeLinear({ data: x, shape: [3, 1001] }, type, params);
      const into = await quantizeLinear({ data: x, shape: [3, 1001] }, type, params, { out, threads: 2 });
      expect(into.data).toBe(out);
      expect(byteDifference(out, fresh.data)).toBeUndefined();
    }
  });

  it('saturates to the 7-bit range with reduceRange', async () => {
    const x = Float32Array.of(-1000, -64.5, -63.5, 0, 62.5, 63.5, 1000);
    const int8 = await quantizeLinear({ data: x, shape: [7] }, 'int8', { scale: Float32Array.of(1) }, { reduceRange: true });
    expect(Array.from(int8.data)).toEqual([-64, -64, -64, 0, 62, 63, 63]);
    const uint8 = await quantizeLinear({ data: x, shape: [7] }, 'uint8', { scale: Float32Array.of(1), zeroPoint: Int32Array.of(64) }, { reduceRange: true });
    expect(Array.from(uint8.data)).toEqual([0, 0, 0, 64, 126, 127, 127]);
    expect(byteDifference(int8.data, quantizeReference(x, [7], 'int8', { scale: Float32Array.of(1) }, true))).toBeUndefined();
  });

  it('rejects NaN inputs with INVALID_ARGUMENT naming the element', async () => {
    const x = new Float32Array(100).fill(1);
    x[77] = NaN;
    await expect(quantizeLinear({ data: x, shape: [100] }, 'uint8', { scale: Float32Array.of(1) })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('x[77] is NaN'),
    });
  });
});
