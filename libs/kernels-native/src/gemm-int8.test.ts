import fc from 'fast-check';
import { buildModels, ElemType, session, tensor, type ModelSpec, type OrtSession, type ValueSpec } from '../test/fixtures/ort-models';
import { dynamicQuantizeMatmul, matmulInteger, matmulIntegerToFloat, qlinearMatmul } from './gemm-int8';
import { int8Kernels, packInt8Weights, type Int8KernelName } from './gemm-int8-weights';

const v = (name: string, elemType: number): ValueSpec => ({ name, elemType, shape: null });
const KERNELS = int8Kernels().available.filter((k) => k !== 'auto') as Int8KernelName[];

function model(op: string, domain: string | undefined, inputs: ValueSpec[], output: ValueSpec): ModelSpec {
  const opsets: Record<string, number> = { '': 13 };
  if (domain) opsets[domain] = 1;
  return { nodes: [{ op, domain, inputs: inputs.map((i) => i.name), outputs: [output.name] }], opsets, inputs, outputs: [output] };
}

type AType = 'uint8' | 'int8';
const A_ELEM: Record<AType, number> = { uint8: ElemType.UINT8, int8: ElemType.INT8 };

function specs(aType: AType): ModelSpec[] {
  const A = A_ELEM[aType];
  return [
    model('MatMulInteger', undefined, [v('a', A), v('b', ElemType.INT8), v('az', A), v('bz', ElemType.INT8)], v('y', ElemType.INT32)),
    model(
      'QLinearMatMul',
      undefined,
      [v('a', A), v('as', ElemType.FLOAT), v('az', A), v('b', ElemType.INT8), v('bs', ElemType.FLOAT), v('bz', ElemType.INT8), v('ys', ElemType.FLOAT), v('yz', A)],
      v('y', A),
    ),
    model(
      'MatMulIntegerToFloat',
      'com.microsoft',
      [v('a', A), v('b', ElemType.INT8), v('as', ElemType.FLOAT), v('bs', ElemType.FLOAT), v('az', A), v('bz', ElemType.INT8), v('bias', ElemType.FLOAT)],
      v('y', ElemType.FLOAT),
    ),
  ];
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const int = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

interface Case {
  m: number;
  k: number;
  n: number;
  aType: AType;
  perColumn: boolean;
  kernel: Int8KernelName;
  threads: number;
  seed: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  m: fc.constantFrom(1, 2, 3, 7, 17, 33, 65),
  k: fc.constantFrom(1, 3, 31, 33, 64, 67, 130),
  n: fc.constantFrom(1, 7, 16, 17, 33, 40),
  aType: fc.constantFrom<AType>('uint8', 'int8'),
  perColumn: fc.boolean(),
  kernel: fc.constantFrom(...KERNELS),
  threads: fc.constantFrom(1, 2),
  seed: fc.integer(),
});

function inputs(c: Case) {
  const rand = random(c.seed);
  const [lo, hi] = c.aType === 'uint8' ? [0, 255] : [-128, 127];
  const aValues = Array.from({ length: c.m * c.k }, () => int(rand, lo, hi));
  const a = c.aType === 'uint8' ? Uint8Array.from(aValues) : Int8Array.from(aValues);
  const b = Int8Array.from({ length: c.k * c.n }, () => int(rand, -128, 127));
  const aZeroPoint = int(rand, lo, hi);
  // A third of the per-tensor cases use 0, the symmetric weights case (the AMX kernel then writes tiles directly).
  const bZeroPoint = c.perColumn ? Int32Array.from({ length: c.n }, () => int(rand, -128, 127)) : rand() < 0.33 ? 0 : int(rand, -128, 127);
  const aScale = 2 ** int(rand, -10, -4) * (1 + rand());
  const bScale = c.perColumn ? Float32Array.from({ length: c.n }, () => 0.001 + rand() * 0.01) : Math.fround(0.001 + rand() * 0.01);
  const bias = Float32Array.from({ length: c.n }, () => (rand() - 0.5) * 10);
  return { a, b, aZeroPoint, bZeroPoint, aScale: Math.fround(aScale), bScale, bias };
}

function ortAZero(c: Case, z: number) {
  return c.aType === 'uint8' ? tensor('uint8', Uint8Array.of(z), []) : tensor('int8', Int8Array.of(z), []);
}
function ortBZero(bz: number | Int32Array, n: number) {
  return typeof bz === 'number' ? tensor('int8', Int8Array.of(bz), []) : tensor('int8', Int8Array.from(bz), [n]);
}
function ortBScale(bs: number | Float32Array, n: number) {
  return typeof bs === 'number' ? tensor('float32', Float32Array.of(bs), []) : tensor('float32', bs, [n]);
}

function expectClose(ours: Float32Array, expected: Float32Array, what: string): void {
  expect(ours.length).toBe(expected.length);
  for (let i = 0; i < ours.length; i++) {
    const e = expected[i] as number;
    if (Math.abs((ours[i] as number) - e) > 1e-5 * Math.abs(e) + 1e-6) throw new Error(`${what}[${i}]: ${ours[i]} vs ${e}`);
  }
}

function firstDifference(x: ArrayLike<number>, y: ArrayLike<number>): string | undefined {
  if (x.length !== y.length) return `lengths ${x.length} vs ${y.length}`;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `[${i}]: ${x[i]} vs ${y[i]}`;
  return undefined;
}

describe('int8 GEMM against ONNX Runtime', () => {
  const sessions: Record<AType, { integer: OrtSession; qlinear: OrtSession; toFloat: OrtSession }> = {} as never;
  let dynamic: OrtSession;
  let dynamicQuantize: OrtSession;

  beforeAll(async () => {
    const bytes = buildModels([
      ...specs('uint8'),
      ...specs('int8'),
      model('DynamicQuantizeMatMul', 'com.microsoft', [v('a', ElemType.FLOAT), v('b', ElemType.INT8), v('bs', ElemType.FLOAT), v('bz', ElemType.INT8), v('bias', ElemType.FLOAT)], v('y', ElemType.FLOAT)),
      {
        nodes: [{ op: 'DynamicQuantizeLinear', inputs: ['a'], outputs: ['y', 'ys', 'yz'] }],
        opsets: { '': 13 },
        inputs: [v('a', ElemType.FLOAT)],
        outputs: [v('y', ElemType.UINT8), v('ys', ElemType.FLOAT), v('yz', ElemType.UINT8)],
      },
    ]);
    for (const [i, t] of (['uint8', 'int8'] as const).entries()) {
      sessions[t] = { integer: await session(bytes[3 * i]), qlinear: await session(bytes[3 * i + 1]), toFloat: await session(bytes[3 * i + 2]) };
    }
    dynamic = await session(bytes[6]);
    dynamicQuantize = await session(bytes[7]);
  });

  it('MatMulInteger: exact int32 for u8 x s8 and s8 x s8, per-tensor and per-column zero points, every kernel', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const x = inputs(c);
        const ours = await matmulInteger({ data: x.a, shape: [c.m, c.k] }, { data: x.b, shape: [c.k, c.n] }, { aZeroPoint: x.aZeroPoint, bZeroPoint: x.bZeroPoint, kernel: c.kernel, threads: c.threads });
        const out = await sessions[c.aType].integer.run({
          a: tensor(c.aType, x.a, [c.m, c.k]),
          b: tensor('int8', x.b, [c.k, c.n]),
          az: ortAZero(c, x.aZeroPoint),
          bz: ortBZero(x.bZeroPoint, c.n),
        });
        expect(ours.shape).toEqual([c.m, c.n]);
        expect(firstDifference(ours.data, out.y.data as Int32Array)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('QLinearMatMul: identical requantized outputs', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.double({ min: 0.5, max: 50, noNaN: true }), async (c, yScaleFactor) => {
        const x = inputs(c);
        const [lo, hi] = c.aType === 'uint8' ? [0, 255] : [-128, 127];
        const yScale = Math.fround(x.aScale * 0.005 * Math.sqrt(c.k) * yScaleFactor);
        const yZeroPoint = Math.floor((lo + hi) / 2) + (c.seed % 7);
        const ours = await qlinearMatmul({ data: x.a, shape: [c.m, c.k] }, { data: x.b, shape: [c.k, c.n] }, {
          aScale: x.aScale, aZeroPoint: x.aZeroPoint, bScale: x.bScale, bZeroPoint: x.bZeroPoint, yScale, yZeroPoint, yType: c.aType, kernel: c.kernel, threads: c.threads,
        });
        const out = await sessions[c.aType].qlinear.run({
          a: tensor(c.aType, x.a, [c.m, c.k]),
          as: tensor('float32', Float32Array.of(x.aScale), []),
          az: ortAZero(c, x.aZeroPoint),
          b: tensor('int8', x.b, [c.k, c.n]),
          bs: ortBScale(x.bScale, c.n),
          bz: ortBZero(x.bZeroPoint, c.n),
          ys: tensor('float32', Float32Array.of(yScale), []),
          yz: ortAZero(c, yZeroPoint),
        });
        expect(firstDifference(ours.data, out.y.data as Uint8Array)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('MatMulIntegerToFloat: scaled fp32 output with bias', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const x = inputs(c);
        const ours = await matmulIntegerToFloat({ data: x.a, shape: [c.m, c.k] }, { data: x.b, shape: [c.k, c.n] }, {
          aScale: x.aScale, aZeroPoint: x.aZeroPoint, bScale: x.bScale, bZeroPoint: x.bZeroPoint, bias: x.bias, kernel: c.kernel, threads: c.threads,
        });
        const out = await sessions[c.aType].toFloat.run({
          a: tensor(c.aType, x.a, [c.m, c.k]),
          b: tensor('int8', x.b, [c.k, c.n]),
          as: tensor('float32', Float32Array.of(x.aScale), []),
          bs: ortBScale(x.bScale, c.n),
          az: ortAZero(c, x.aZeroPoint),
          bz: ortBZero(x.bZeroPoint, c.n),
          bias: tensor('float32', x.bias, [c.n]),
        });
        expectClose(ours.data, out.y.data as Float32Array, 'y');
      }),
      { numRuns: 40 },
    );
  });

  it('DynamicQuantizeMatMul: fp32 A quantized on the fly, with bias', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom(1, 1e-3, 1e3), async (c, range) => {
        const x = inputs(c);
        const rand = random(c.seed ^ 0x5bd1e995);
        const a = Float32Array.from({ length: c.m * c.k }, () => (rand() - 0.3) * range);
        const ours = await dynamicQuantizeMatmul({ data: a, shape: [c.m, c.k] }, { data: x.b, shape: [c.k, c.n] }, {
          bScale: x.bScale, bZeroPoint: x.bZeroPoint, bias: x.bias, kernel: c.kernel, threads: c.threads,
        });
        const out = await dynamic.run({
          a: tensor('float32', a, [c.m, c.k]),
          b: tensor('int8', x.b, [c.k, c.n]),
          bs: ortBScale(x.bScale, c.n),
          bz: ortBZero(x.bZeroPoint, c.n),
          bias: tensor('float32', x.bias, [c.n]),
        });
        expectClose(ours.data, out.y.data as Float32Array, 'y');
      }),
      { numRuns: 40 },
    );
  });

  it('DynamicQuantizeMatMul: activation codes identical to ONNX Runtime, rounding ties and near-ties included', async () => {
    // Values at and next to (j + 0.5) * scale, where x / scale sits on a rounding boundary: the
    // vector quantizer multiplies by 1 / scale and must fall back to division exactly there. With
    // B the identity, y = aScale * (code - aZeroPoint) gives every code back.
    const k = 192;
    const rand = random(5);
    const bits = new Int32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    const nudge = (x: number, ulps: number): number => {
      asFloat[0] = x;
      bits[0] += ulps;
      return asFloat[0] as number;
    };
    const a = new Float32Array(4 * k);
    a[0] = -1.3;
    a[1] = 2.1;
    // ONNX Runtime's scale, in float32 arithmetic: (max - min) / 255 over a range that a[0] and a[1] fix.
    const scale = Math.fround(Math.fround(Math.fround(2.1) - Math.fround(-1.3)) / 255);
    for (let i = 2; i < a.length; i++) a[i] = nudge(Math.fround((int(rand, -96, 156) + 0.5) * scale), int(rand, -2, 2));
    const identity = new Int8Array(k * k);
    for (let i = 0; i < k; i++) identity[i * k + i] = 1;
    const expected = await dynamicQuantize.run({ a: tensor('float32', a, [4, k]) });
    for (const kernel of KERNELS) {
      const ours = await dynamicQuantizeMatmul({ data: a, shape: [4, k] }, { data: identity, shape: [k, k] }, { bScale: 1, kernel });
      expect(ours.aScale).toBe(scale);
      expect((expected.ys.data as Float32Array)[0]).toBe(scale);
      expect(ours.aZeroPoint).toBe((expected.yz.data as Uint8Array)[0]);
      const codes = Array.from(ours.data, (y) => Math.round(y / ours.aScale) + ours.aZeroPoint);
      expect(firstDifference(codes, expected.y.data as Uint8Array)).toBeUndefined();
    }
  });
});

describe('int8 GEMM details', () => {
  it('reuses packed weights, flattens batch dimensions and gives identical results on 1 and 2 threads', async () => {
    const rand = random(11);
    const [m, k, n] = [300, 257, 161];
    const a = Uint8Array.from({ length: m * k }, () => int(rand, 0, 255));
    const b = Int8Array.from({ length: k * n }, () => int(rand, -128, 127));
    const packed = await packInt8Weights({ data: b, shape: [k, n] });
    for (const kernel of KERNELS) {
      const one = await matmulInteger({ data: a, shape: [3, 100, k] }, packed, { aZeroPoint: 128, bZeroPoint: 3, kernel, threads: 1 });
      const two = await matmulInteger({ data: a, shape: [3, 100, k] }, packed, { aZeroPoint: 128, bZeroPoint: 3, kernel, threads: 2 });
      const plain = await matmulInteger({ data: a, shape: [m, k] }, { data: b, shape: [k, n] }, { aZeroPoint: 128, bZeroPoint: 3, kernel: 'portable' });
      expect(one.shape).toEqual([3, 100, n]);
      expect(firstDifference(one.data, two.data)).toBeUndefined();
      expect(firstDifference(one.data, plain.data)).toBeUndefined();
    }
  });

  // Every row and panel remainder of the register blocks (up to 8 rows x 3 panels, 32-row bands),
  // with signed A at its extremes (the AVX-512 VNNI kernel takes it shifted by 128).
  it('gives the portable kernel’s exact int32 at every block remainder, signed and unsigned A at their extremes, every kernel', async () => {
    const rand = random(31);
    const k = 75;
    for (const aType of ['uint8', 'int8'] as const) {
      const [lo, hi] = aType === 'uint8' ? [0, 255] : [-128, 127];
      for (const m of [1, 2, 3, 4, 5, 8, 9, 15, 33, 41]) {
        for (const n of [16, 32, 48, 64, 80, 99, 112]) {
          const pick = (): number => (rand() < 0.3 ? (rand() < 0.5 ? lo : hi) : int(rand, lo, hi));
          const values = Array.from({ length: m * k }, pick);
          const a = aType === 'uint8' ? Uint8Array.from(values) : Int8Array.from(values);
          const b = Int8Array.from({ length: k * n }, () => (rand() < 0.3 ? (rand() < 0.5 ? -128 : 127) : int(rand, -128, 127)));
          const bZeroPoint = Int32Array.from({ length: n }, () => int(rand, -128, 127));
          const options = { aZeroPoint: m % 2 === 0 ? lo : hi, bZeroPoint };
          const expected = await matmulInteger({ data: a, shape: [m, k] }, { data: b, shape: [k, n] }, { ...options, kernel: 'portable' });
          for (const kernel of KERNELS) {
            const ours = await matmulInteger({ data: a, shape: [m, k] }, { data: b, shape: [k, n] }, { ...options, kernel, threads: 2 });
            expect([aType, m, n, kernel, firstDifference(ours.data, expected.data)]).toEqual([aType, m, n, kernel, undefined]);
          }
        }
      }
    }
  });

  it('runs concurrent calls that share the worker pool without mixing their results', async () => {
    const rand = random(21);
    const [m, k, n] = [64, 200, 96];
    const weights = await packInt8Weights({ data: Int8Array.from({ length: k * n }, () => int(rand, -128, 127)), shape: [k, n] });
    const inputs = Array.from({ length: 6 }, () => Uint8Array.from({ length: m * k }, () => int(rand, 0, 255)));
    const alone: { data: Int32Array }[] = [];
    for (const a of inputs) alone.push(await matmulInteger({ data: a, shape: [m, k] }, weights, { aZeroPoint: 7, kernel: 'portable' }));
    const together = await Promise.all(inputs.map((a) => matmulInteger({ data: a, shape: [m, k] }, weights, { aZeroPoint: 7, threads: 2 })));
    together.forEach((y, i) => expect(firstDifference(y.data, alone[i].data)).toBeUndefined());
  });

  it('multiplies a vector [K] into [N]', async () => {
    const y = await matmulInteger({ data: Uint8Array.of(1, 2, 3), shape: [3] }, { data: Int8Array.of(1, -1, 2, -2, 3, -3), shape: [3, 2] });
    expect(y.shape).toEqual([2]);
    expect(Array.from(y.data)).toEqual([1 + 4 + 9, -(1 + 4 + 9)]);
  });

  it('rejects non-finite activations in the dynamic path', async () => {
    const a = new Float32Array(64).fill(1);
    a[5] = Infinity;
    await expect(dynamicQuantizeMatmul({ data: a, shape: [1, 64] }, { data: new Int8Array(64), shape: [64, 1] }, { bScale: 1 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('a[5]'),
    });
  });
});
