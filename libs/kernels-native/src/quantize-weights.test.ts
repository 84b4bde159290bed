import fc from 'fast-check';
import { paramIndex, quantizeReference } from '../test/fixtures/quantize-reference';
import { dequantizeLinear } from './quantize-linear';
import { computeQuantParams, computeQuantParamsPerChannel } from './quantize-params';
import { quantizedRange, type QuantizedType } from './quantize-types';
import { quantizeTensor, tensorMinMax } from './quantize-weights';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('computeQuantParams', () => {
  it('follows ONNX Runtime quantizer rules on known values', () => {
    // asymmetric uint8 over [-1, 3]: scale 4/255, zero point round(1 / scale) = round(63.75) = 64
    expect(computeQuantParams(-1, 3, { type: 'uint8' })).toEqual({ scale: Math.fround(4 / 255), zeroPoint: 64 });
    // the range always includes 0
    expect(computeQuantParams(2, 4, { type: 'uint8' })).toEqual({ scale: Math.fround(4 / 255), zeroPoint: 0 });
    // symmetric int8: scale max|x| / 127, zero point 0
    expect(computeQuantParams(-0.5, 1.27, { type: 'int8', symmetric: true })).toEqual({ scale: Math.fround(0.01), zeroPoint: 0 });
    // symmetric uint8: zero point round_half_even(127.5) = 128
    expect(computeQuantParams(-1, 1, { type: 'uint8', symmetric: true })).toEqual({ scale: Math.fround(2 / 255), zeroPoint: 128 });
    // reduce range: 7-bit int8, symmetric range [-63, 63]
    expect(computeQuantParams(-6.3, 6.3, { type: 'int8', symmetric: true, reduceRange: true })).toEqual({ scale: Math.fround(0.1), zeroPoint: 0 });
    // a range narrower than the smallest normal float gets scale 1
    expect(computeQuantParams(0, 0, { type: 'int4' })).toEqual({ scale: 1, zeroPoint: 0 });
  });

  it('makes 0 exactly representable and keeps min and max within half a step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constantFrom<QuantizedType>('int8', 'uint8', 'int4', 'uint4'),
        fc.boolean(),
        fc.boolean(),
        (x, y, type, symmetric, reduceRange) => {
          const [min, max] = [Math.fround(Math.min(x, y)), Math.fround(Math.max(x, y))];
          const { scale, zeroPoint } = computeQuantParams(min, max, { type, symmetric, reduceRange });
          const { qmin, qmax } = quantizedRange(type, reduceRange);
          expect(zeroPoint).toBeGreaterThanOrEqual(qmin);
          expect(zeroPoint).toBeLessThanOrEqual(qmax);
          const q = (v: number) => quantizeReference(Float32Array.of(v), [1], type, { scale: Float32Array.of(scale), zeroPoint: Int32Array.of(zeroPoint) }, reduceRange);
          const back = (v: number) => {
            const raw = q(v)[0] as number;
            const value = type === 'int4' ? ((raw & 15) ^ 8) - 8 : type === 'uint4' ? raw & 15 : raw;
            return (value - zeroPoint) * scale;
          };
          expect(back(0)).toBe(0);
          if (scale !== 1 || max - min > 1e-30) {
            // Half a step, plus the float32 rounding of the scale as v / scale (up to 127.5 steps
            // for symmetric uint8, whose max lands on a half step) magnifies it: |v| * 2^-23.
            for (const v of [min, max]) expect(Math.abs(back(v) - v)).toBeLessThanOrEqual(scale * 0.5 + Math.abs(v) * 2 ** -23 + 1e-30);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('tensorMinMax and quantizeTensor', () => {
  const layouts = [{}, { axis: 0 }, { axis: 1 }, { axis: -1 }, { axis: 1, blockSize: 4 }, { axis: 2, blockSize: 3 }];

  it.each(layouts.map((l) => [JSON.stringify(l), l] as const))('ranges and quantizes per group for layout %s', async (_name, layout) => {
    const shape = [5, 17, 7];
    const rand = random(3);
    const x = Float32Array.from({ length: 5 * 17 * 7 }, () => (rand() - 0.3) * 10);
    const range = await tensorMinMax({ data: x, shape }, layout, { threads: 2 });
    const index = paramIndex(shape, { scale: new Float32Array(1), ...layout });
    const min = new Float32Array(range.min.length).fill(Infinity);
    const max = new Float32Array(range.max.length).fill(-Infinity);
    x.forEach((v, i) => {
      const p = index(i);
      min[p] = Math.min(min[p] as number, v);
      max[p] = Math.max(max[p] as number, v);
    });
    expect(Array.from(range.min)).toEqual(Array.from(min));
    expect(Array.from(range.max)).toEqual(Array.from(max));

    for (const type of ['int8', 'uint4'] as const) {
      const { quantized, params } = await quantizeTensor({ data: x, shape }, { type, ...layout, symmetric: type === 'int8' });
      const expectedParams = computeQuantParamsPerChannel(min, max, { type, symmetric: type === 'int8' });
      expect(Array.from(params.scale)).toEqual(Array.from(expectedParams.scale));
      expect(Array.from(quantized.data)).toEqual(Array.from(quantizeReference(x, shape, type, { ...layout, ...expectedParams })));
      const back = await dequantizeLinear(quantized, params);
      let worst = 0;
      back.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (x[i] as number)) / (params.scale[index(i)] as number))));
      expect(worst).toBeLessThanOrEqual(0.5 + 1e-5);
    }
  });
});
