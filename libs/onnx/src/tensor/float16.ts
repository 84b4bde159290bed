/**
 * IEEE half (float16) and bfloat16 conversions, done on bit patterns so that NaN payloads and
 * signed zeros survive a decode/encode round trip. Narrowing rounds to nearest, ties to even.
 */

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** float32 bit pattern -> float16 bit pattern, round to nearest even; overflow gives infinity. */
export function float32BitsToFloat16Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) {
    if (mantissa === 0) return sign | 0x7c00;
    const payload = mantissa >>> 13;
    return sign | 0x7c00 | (payload === 0 ? 0x200 : payload);
  }
  const halfExponent = exponent - 112;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    const shift = 14 - halfExponent;
    if (shift > 24) return sign;
    const full = mantissa | 0x800000;
    let result = full >>> shift;
    const remainder = full & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (remainder > half || (remainder === half && (result & 1) === 1)) result++;
    return sign | result;
  }
  let result = sign | (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  if (remainder > 0x1000 || (remainder === 0x1000 && (result & 1) === 1)) result++;
  return result;
}

/** float16 bit pattern -> float32 bit pattern (exact). */
export function float16BitsToFloat32Bits(half: number): number {
  const sign = (half & 0x8000) << 16;
  const exponent = (half >>> 10) & 0x1f;
  let mantissa = half & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
  if (exponent === 0) {
    if (mantissa === 0) return sign >>> 0;
    let shifts = 0;
    while ((mantissa & 0x400) === 0) {
      mantissa <<= 1;
      shifts++;
    }
    return (sign | ((113 - shifts) << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
  }
  return (sign | ((exponent + 112) << 23) | (mantissa << 13)) >>> 0;
}

/** float32 bit pattern -> bfloat16 bit pattern, round to nearest even. */
export function float32BitsToBfloat16Bits(bits: number): number {
  if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0) {
    const top = bits >>> 16;
    return (top & 0x7f) === 0 ? top | 0x40 : top;
  }
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

export function bfloat16BitsToFloat32Bits(bits: number): number {
  return (bits << 16) >>> 0;
}

/** One number to its float16 bit pattern. */
export function float32ToFloat16Bits(value: number): number {
  scratchF32[0] = value;
  return float32BitsToFloat16Bits(scratchU32[0]);
}

/** One float16 bit pattern to its value. */
export function float16BitsToFloat32(bits: number): number {
  scratchU32[0] = float16BitsToFloat32Bits(bits);
  return scratchF32[0];
}

export function float32ToBfloat16Bits(value: number): number {
  scratchF32[0] = value;
  return float32BitsToBfloat16Bits(scratchU32[0]);
}

export function bfloat16BitsToFloat32(bits: number): number {
  scratchU32[0] = bfloat16BitsToFloat32Bits(bits);
  return scratchF32[0];
}

function bitsOf(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/** Float32Array -> float16 bit patterns (Uint16Array), round to nearest even. */
export function float32ToFloat16(values: Float32Array): Uint16Array {
  const source = bitsOf(values);
  const out = new Uint16Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = float32BitsToFloat16Bits(source[i]);
  return out;
}

/** float16 bit patterns -> Float32Array (exact). */
export function float16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const target = bitsOf(out);
  for (let i = 0; i < bits.length; i++) target[i] = float16BitsToFloat32Bits(bits[i]);
  return out;
}

export function float32ToBfloat16(values: Float32Array): Uint16Array {
  const source = bitsOf(values);
  const out = new Uint16Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = float32BitsToBfloat16Bits(source[i]);
  return out;
}

export function bfloat16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const target = bitsOf(out);
  for (let i = 0; i < bits.length; i++) target[i] = bits[i] << 16;
  return out;
}
