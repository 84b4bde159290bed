import { DataType } from './data-types';
import { decodeMinifloat, encodeMinifloat, type MinifloatType } from './minifloat';

const FLOAT8: [string, MinifloatType, number][] = [
  ['float8e4m3fn', DataType.FLOAT8E4M3FN, 448],
  ['float8e4m3fnuz', DataType.FLOAT8E4M3FNUZ, 240],
  ['float8e5m2', DataType.FLOAT8E5M2, 57344],
  ['float8e5m2fnuz', DataType.FLOAT8E5M2FNUZ, 57344],
];
const ALL_CODES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Nearest finite code by exhaustive search, ties to the even code. */
const tables = new Map<MinifloatType, Float32Array>();

function nearestCode(type: MinifloatType, value: number, codes: Uint8Array): number {
  if (!tables.has(type)) tables.set(type, decodeMinifloat(type, codes));
  const decoded = tables.get(type) as Float32Array;
  const hasNegativeZero = decoded.some((v) => Object.is(v, -0));
  const negative = value < 0 || Object.is(value, -0);
  let best = -1;
  for (let code = 0; code < codes.length; code++) {
    const candidate = decoded[code];
    if (!Number.isFinite(candidate)) continue;
    // Underflow keeps the sign where the format has a negative zero.
    if (candidate === 0 && hasNegativeZero && Object.is(candidate, -0) !== negative) continue;
    if (best < 0) {
      best = code;
      continue;
    }
    const distance = Math.abs(candidate - value);
    const bestDistance = Math.abs(decoded[best] - value);
    if (distance < bestDistance || (distance === bestDistance && code % 2 === 0 && best % 2 === 1)) best = code;
  }
  return best;
}

describe('8-bit floats', () => {
  it.each(FLOAT8)('%s: every code decodes and encodes back to itself', (_, type) => {
    expect(Array.from(encodeMinifloat(type, decodeMinifloat(type, ALL_CODES)))).toEqual(Array.from(ALL_CODES));
  });

  it.each(FLOAT8)('%s has the largest finite value of its format', (_, type, max) => {
    const decoded = Array.from(decodeMinifloat(type, ALL_CODES)).filter(Number.isFinite);
    expect(Math.max(...decoded)).toBe(max);
  });

  it.each(FLOAT8)('%s: rounds to the nearest code, ties to even, like an exhaustive search', (_, type, max) => {
    const values: number[] = [];
    for (let i = 0; i < 1500; i++) values.push(Math.sin(i * 12.9898) * max * 2 ** -(i % 24));
    const encoded = encodeMinifloat(type, values);
    const wrong = values.filter((value, i) => encoded[i] !== nearestCode(type, value, ALL_CODES));
    expect(wrong).toEqual([]);
  });

  it.each(FLOAT8)('%s: saturates values beyond the range, or not', (_, type, max) => {
    const [saturated] = decodeMinifloat(type, encodeMinifloat(type, [max * 4]));
    expect(saturated).toBe(max);
    const [unsaturated] = decodeMinifloat(type, encodeMinifloat(type, [max * 4], false));
    expect(type === DataType.FLOAT8E5M2 ? unsaturated === Infinity : Number.isNaN(unsaturated)).toBe(true);
  });

  it('keeps the specials of each format', () => {
    expect(decodeMinifloat(DataType.FLOAT8E4M3FN, Uint8Array.of(0x7f, 0xff)).every(Number.isNaN)).toBe(true);
    expect(decodeMinifloat(DataType.FLOAT8E4M3FNUZ, Uint8Array.of(0x80))[0]).toBeNaN();
    expect(Object.is(decodeMinifloat(DataType.FLOAT8E4M3FN, Uint8Array.of(0x80))[0], -0)).toBe(true);
    expect(encodeMinifloat(DataType.FLOAT8E4M3FNUZ, [-0])[0]).toBe(0);
    expect(decodeMinifloat(DataType.FLOAT8E5M2, Uint8Array.of(0x7c, 0xfc))).toEqual(Float32Array.of(Infinity, -Infinity));
    expect(encodeMinifloat(DataType.FLOAT8E5M2, [Infinity])[0]).toBe(0x7c);
  });
});

describe('float4e2m1 and float8e8m0', () => {
  it('decodes the 16 float4 codes to the e2m1 values', () => {
    const codes = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(decodeMinifloat(DataType.FLOAT4E2M1, codes))).toEqual([0, 0.5, 1, 1.5, 2, 3, 4, 6, -0, -0.5, -1, -1.5, -2, -3, -4, -6]);
    expect(Array.from(encodeMinifloat(DataType.FLOAT4E2M1, decodeMinifloat(DataType.FLOAT4E2M1, codes)))).toEqual(Array.from(codes));
    expect(Array.from(encodeMinifloat(DataType.FLOAT4E2M1, [0.75, 2.5, 5, 100, -0.2]))).toEqual([2, 4, 6, 7, 8]);
  });

  it('decodes float8e8m0 as powers of two with 0xff as NaN, and refuses to round numbers into it', () => {
    expect(Array.from(decodeMinifloat(DataType.FLOAT8E8M0, Uint8Array.of(127, 128, 0, 254)))).toEqual([1, 2, 2 ** -127, 2 ** 127]);
    expect(decodeMinifloat(DataType.FLOAT8E8M0, Uint8Array.of(255))[0]).toBeNaN();
    expect(() => encodeMinifloat(DataType.FLOAT8E8M0, [1])).toThrow(/decode-only|not supported/);
  });
});
