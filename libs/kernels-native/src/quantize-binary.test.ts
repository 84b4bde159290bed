import fc from 'fast-check';
import { dequantizeSigned, quantizeBinary, quantizeTernary } from './quantize-binary';

/** Plain reading of the rules: channel of each flat index, sums in index order. */
function reference(x: Float32Array, shape: number[], axis: number | undefined, ternary: boolean, ratio = 0.7) {
  const a = axis === undefined ? undefined : axis < 0 ? axis + shape.length : axis;
  const inner = a === undefined ? 1 : shape.slice(a + 1).reduce((p, d) => p * d, 1);
  const channels = a === undefined ? 1 : (shape[a] as number);
  const channelOf = (i: number) => (a === undefined ? 0 : Math.floor(i / inner) % channels);
  const absSum = new Array<number>(channels).fill(0);
  const count = new Array<number>(channels).fill(0);
  x.forEach((v, i) => {
    absSum[channelOf(i)] += Math.abs(v);
    count[channelOf(i)]++;
  });
  const threshold = absSum.map((s, c) => Math.fround(ratio * (s / count[c])));
  const codes = new Int8Array(x.length);
  const keptSum = new Array<number>(channels).fill(0);
  const kept = new Array<number>(channels).fill(0);
  x.forEach((v, i) => {
    const c = channelOf(i);
    if (!ternary) {
      codes[i] = v >= 0 ? 1 : -1;
      return;
    }
    if (Math.abs(v) > threshold[c]) {
      codes[i] = v > 0 ? 1 : -1;
      keptSum[c] += Math.abs(v);
      kept[c]++;
    }
  });
  const scale = Float32Array.from(ternary ? keptSum.map((s, c) => (kept[c] ? s / kept[c] : 0)) : absSum.map((s, c) => s / count[c]));
  return { codes, scale, threshold: Float32Array.from(threshold), channelOf };
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const shapeAndAxis = fc
  .array(fc.constantFrom(1, 2, 3, 7, 17, 33), { minLength: 1, maxLength: 3 })
  .chain((shape) => fc.tuple(fc.constant(shape), fc.option(fc.integer({ min: -shape.length, max: shape.length - 1 }), { nil: undefined })));

describe('binary and ternary quantization', () => {
  it('matches the plain reference for random shapes and axes, including zeros', async () => {
    await fc.assert(
      fc.asyncProperty(shapeAndAxis, fc.integer(), fc.boolean(), async ([shape, axis], seed, ternary) => {
        const rand = random(seed);
        const n = shape.reduce<number>((a, b) => a * b, 1);
        const x = Float32Array.from({ length: n }, () => (rand() < 0.1 ? 0 : (rand() - 0.5) * 4));
        const expected = reference(x, shape, axis, ternary);
        const ours = ternary ? await quantizeTernary({ data: x, shape }, { axis }) : await quantizeBinary({ data: x, shape }, { axis });
        expect(Array.from(ours.codes)).toEqual(Array.from(expected.codes));
        expect(Array.from(ours.scale)).toEqual(Array.from(expected.scale));
        if (ternary) expect(Array.from(ours.threshold ?? [])).toEqual(Array.from(expected.threshold));
        const back = await dequantizeSigned(ours);
        const wrong = back.data.findIndex((v, i) => v !== Math.fround((ours.codes[i] as number) * (ours.scale[expected.channelOf(i)] as number)));
        expect(wrong).toBe(-1);
        // The returned threshold reproduces the codes when given back.
        if (ternary) {
          const again = await quantizeTernary({ data: x, shape }, { axis, threshold: ours.threshold });
          expect(Array.from(again.codes)).toEqual(Array.from(ours.codes));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('gives identical results on 1 and 2 threads for a large weight, per output channel', async () => {
    const rand = random(4);
    const shape = [512, 64, 3, 3];
    const x = Float32Array.from({ length: 512 * 64 * 9 }, () => rand() - 0.5);
    for (const axis of [0, 1]) {
      const one = await quantizeTernary({ data: x, shape }, { axis, threads: 1 });
      const two = await quantizeTernary({ data: x, shape }, { axis, threads: 2 });
      expect(Buffer.from(two.codes.buffer).equals(Buffer.from(one.codes.buffer))).toBe(true);
      expect(Array.from(two.scale)).toEqual(Array.from(one.scale));
    }
  });

  it('uses given scales and gives an all-zero channel scale 0', async () => {
    const x = Float32Array.of(0, 0, 1, -3);
    const binary = await quantizeBinary({ data: x, shape: [2, 2] }, { axis: 0 });
    expect(Array.from(binary.scale)).toEqual([0, 2]);
    expect(Array.from((await dequantizeSigned(binary)).data)).toEqual([0, 0, 2, -2]);
    const fixed = await quantizeBinary({ data: x, shape: [2, 2] }, { axis: 0, scale: Float32Array.of(5, 0.5) });
    expect(Array.from((await dequantizeSigned(fixed)).data)).toEqual([5, 5, 0.5, -0.5]);
  });

  it.each([
    ['a NaN input', 'x', () => quantizeBinary({ data: Float32Array.of(1, NaN), shape: [2] })],
    ['an axis past the rank', 'axis', () => quantizeTernary({ data: new Float32Array(4), shape: [2, 2] }, { axis: 2 })],
    ['a negative scale', 'scale[1]', () => quantizeBinary({ data: new Float32Array(4), shape: [2, 2] }, { axis: 1, scale: Float32Array.of(1, -1) })],
    ['thresholds of the wrong length', 'threshold', () => quantizeTernary({ data: new Float32Array(4), shape: [2, 2] }, { axis: 1, threshold: Float32Array.of(1) })],
    ['a negative threshold ratio', 'thresholdRatio', () => quantizeTernary({ data: new Float32Array(4), shape: [4] }, { thresholdRatio: -1 })],
    ['codes of the wrong type', 'q.codes', () => dequantizeSigned({ kind: 'binary', codes: new Uint8Array(4) as never, shape: [4], scale: Float32Array.of(1) })],
  ] as const)('rejects %s with INVALID_ARGUMENT', async (_what, argument, call) => {
    const error = await call().then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((error as Error).message).toContain(argument);
  });
});
