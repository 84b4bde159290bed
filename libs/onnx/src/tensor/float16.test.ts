import { runPythonJson } from '../../test/fixtures/python';
import {
  bfloat16ToFloat32,
  float16ToFloat32,
  float32ToBfloat16,
  float32ToFloat16,
  float16BitsToFloat32,
  float32ToFloat16Bits,
} from './float16';

const ALL_PATTERNS = Uint16Array.from({ length: 65536 }, (_, i) => i);

function bitsOf(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/**
 * Reference narrowing by exhaustive search: the finite values of the 16-bit format sorted, the
 * nearest one taken, ties to the even bit pattern; beyond the largest finite value by half an
 * ulp or more: infinity.
 */
function referenceNarrowing(decode: (bits: Uint16Array) => Float32Array) {
  const decoded = decode(ALL_PATTERNS);
  const finite = Array.from(ALL_PATTERNS).filter((bits) => Number.isFinite(decoded[bits]) && (bits & 0x8000) === 0);
  finite.sort((a, b) => decoded[a] - decoded[b]);
  const values = finite.map((bits) => decoded[bits]);
  const infinity = Array.from(ALL_PATTERNS).find((bits) => decoded[bits] === Infinity) as number;
  return (value: number): number => {
    if (Number.isNaN(value)) return -1;
    const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
    const magnitude = Math.abs(value);
    let lo = 0;
    let hi = values.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (values[mid] <= magnitude) lo = mid;
      else hi = mid;
    }
    const top = values[values.length - 1];
    const ulp = top - values[values.length - 2];
    if (magnitude >= top + ulp / 2) return sign | infinity;
    if (magnitude >= top) return sign | finite[values.length - 1];
    const below = values[lo];
    const above = values[hi];
    const pick = magnitude - below < above - magnitude ? lo : magnitude - below > above - magnitude ? hi : (finite[lo] & 1) === 0 ? lo : hi;
    return sign | finite[pick];
  };
}

function seededFloats(count: number): Float32Array {
  const bits = new Uint32Array(count);
  let state = 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bits[i] = state >>> 0;
  }
  return new Float32Array(bits.buffer);
}

describe('float16', () => {
  it('decodes and re-encodes all 65536 bit patterns unchanged, NaN payloads and -0 included', () => {
    expect(Array.from(float32ToFloat16(float16ToFloat32(ALL_PATTERNS)))).toEqual(Array.from(ALL_PATTERNS));
  });

  it('decodes the landmarks exactly', () => {
    expect(float16BitsToFloat32(0x3c00)).toBe(1);
    expect(float16BitsToFloat32(0x7bff)).toBe(65504);
    expect(float16BitsToFloat32(0x0001)).toBe(2 ** -24);
    expect(float16BitsToFloat32(0x0400)).toBe(2 ** -14);
    expect(float16BitsToFloat32(0xfc00)).toBe(-Infinity);
    expect(Object.is(float16BitsToFloat32(0x8000), -0)).toBe(true);
    expect(float16BitsToFloat32(0x7e00)).toBeNaN();
  });

  it('rounds float32 to the nearest half, ties to even, like an exhaustive search', () => {
    const reference = referenceNarrowing(float16ToFloat32);
    const values = seededFloats(20000).map((v, i) => v * 2 ** -((i % 40) + 90));
    const encoded = float32ToFloat16(values);
    const wrong = Array.from(values).filter((value, i) => !Number.isNaN(value) && encoded[i] !== reference(value));
    expect(wrong).toEqual([]);
  });

  it('agrees with numpy on random patterns, midpoints and range edges', () => {
    const { float32, float16 } = runPythonJson<{ float32: number[]; float16: number[] }>('float16_references.py', ['5000']);
    const values = new Float32Array(Uint32Array.from(float32).buffer);
    const encoded = float32ToFloat16(values);
    const decodedNumpy = float16ToFloat32(Uint16Array.from(float16));
    const mismatches = float16.filter((expected, i) => encoded[i] !== expected && !(Number.isNaN(values[i]) && Number.isNaN(decodedNumpy[i])));
    expect(mismatches).toEqual([]);
    expect(float32.length).toBeGreaterThan(5500);
  });

  it('overflows to infinity at 65520 and keeps 65519 finite', () => {
    expect(float32ToFloat16Bits(65519)).toBe(0x7bff);
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00);
    expect(float32ToFloat16Bits(-1e9)).toBe(0xfc00);
  });
});

describe('bfloat16', () => {
  it('decodes and re-encodes all 65536 bit patterns unchanged', () => {
    expect(Array.from(float32ToBfloat16(bfloat16ToFloat32(ALL_PATTERNS)))).toEqual(Array.from(ALL_PATTERNS));
  });

  it('decodes by widening the bits (bfloat16 is the top half of a float32)', () => {
    const decoded = bfloat16ToFloat32(ALL_PATTERNS);
    expect(Array.from(bitsOf(decoded)).every((bits, i) => bits === i * 65536)).toBe(true);
  });

  it('rounds float32 to the nearest bfloat16, ties to even, like an exhaustive search', () => {
    const reference = referenceNarrowing(bfloat16ToFloat32);
    const values = seededFloats(20000);
    const encoded = float32ToBfloat16(values);
    const wrong = Array.from(values).filter((value, i) => !Number.isNaN(value) && encoded[i] !== reference(value));
    expect(wrong).toEqual([]);
  });

  it('keeps NaN a NaN when the payload sits only in the dropped bits', () => {
    const nan = new Float32Array(new Uint32Array([0x7f800001]).buffer);
    expect(float32ToBfloat16(nan)[0]).toBe(0x7fc0);
  });
});
