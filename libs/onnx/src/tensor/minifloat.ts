import { DataType } from './data-types';
import { invalidArgument } from '../errors';
import { float16BitsToFloat32Bits } from './float16';

/**
 * The 8-bit and 4-bit float formats of ONNX (float8 e4m3fn / e4m3fnuz / e5m2 / e5m2fnuz, float8
 * e8m0, float4 e2m1). Decoding goes through a 256-entry table of float32 bit patterns; encoding
 * rounds to nearest, ties to even, and saturates out-of-range finite values to the largest finite
 * value by default (ONNX `saturate=1`), or gives infinity/NaN as the format allows. Infinities
 * stay infinite in float8e5m2 (the one format that has them) and saturate in the others.
 */
export type MinifloatType =
  | typeof DataType.FLOAT8E4M3FN
  | typeof DataType.FLOAT8E4M3FNUZ
  | typeof DataType.FLOAT8E5M2
  | typeof DataType.FLOAT8E5M2FNUZ
  | typeof DataType.FLOAT8E8M0
  | typeof DataType.FLOAT4E2M1;

interface Format {
  readonly exponentBits: number;
  readonly mantissaBits: number;
  readonly bias: number;
  readonly signed: boolean;
  readonly infinity: boolean;
  /** How NaN is spelled: all exponent and mantissa bits set, the negative-zero code, all exponent bits, or none. */
  readonly nan: 'all-ones' | 'negative-zero' | 'ieee' | 'none';
}

const FORMATS: Record<MinifloatType, Format> = {
  [DataType.FLOAT8E4M3FN]: { exponentBits: 4, mantissaBits: 3, bias: 7, signed: true, infinity: false, nan: 'all-ones' },
  [DataType.FLOAT8E4M3FNUZ]: { exponentBits: 4, mantissaBits: 3, bias: 8, signed: true, infinity: false, nan: 'negative-zero' },
  [DataType.FLOAT8E5M2]: { exponentBits: 5, mantissaBits: 2, bias: 15, signed: true, infinity: true, nan: 'ieee' },
  [DataType.FLOAT8E5M2FNUZ]: { exponentBits: 5, mantissaBits: 2, bias: 16, signed: true, infinity: false, nan: 'negative-zero' },
  [DataType.FLOAT8E8M0]: { exponentBits: 8, mantissaBits: 0, bias: 127, signed: false, infinity: false, nan: 'all-ones' },
  [DataType.FLOAT4E2M1]: { exponentBits: 2, mantissaBits: 1, bias: 1, signed: true, infinity: false, nan: 'none' },
};

const QUIET_NAN = 0x7fc00000;
const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

function decodeCode(format: Format, type: MinifloatType, code: number): number {
  if (type === DataType.FLOAT8E5M2) return float16BitsToFloat32Bits(code << 8);
  const width = (format.signed ? 1 : 0) + format.exponentBits + format.mantissaBits;
  const signBit = format.signed ? (code >> (width - 1)) & 1 : 0;
  const exponentMask = (1 << format.exponentBits) - 1;
  const exponent = (code >> format.mantissaBits) & exponentMask;
  const mantissa = code & ((1 << format.mantissaBits) - 1);
  if (format.nan === 'negative-zero' && code === 1 << (width - 1)) return QUIET_NAN;
  if (format.nan === 'all-ones' && exponent === exponentMask && mantissa === (1 << format.mantissaBits) - 1) {
    return (QUIET_NAN | (signBit << 31)) >>> 0;
  }
  const value =
    exponent === 0 && format.mantissaBits > 0
      ? mantissa * 2 ** (1 - format.bias - format.mantissaBits)
      : (1 + mantissa / 2 ** format.mantissaBits) * 2 ** (exponent - format.bias);
  scratchF32[0] = signBit ? -value : value;
  return scratchU32[0];
}

const tables = new Map<MinifloatType, Uint32Array>();

function decodeTable(type: MinifloatType): Uint32Array {
  let table = tables.get(type);
  if (table === undefined) {
    const format = FORMATS[type];
    const codes = type === DataType.FLOAT4E2M1 ? 16 : 256;
    table = new Uint32Array(codes);
    for (let code = 0; code < codes; code++) table[code] = decodeCode(format, type, code);
    tables.set(type, table);
  }
  return table;
}

export function isMinifloatType(dataType: number): dataType is MinifloatType {
  return dataType in FORMATS;
}

/** Codes (one per element, 4-bit codes unpacked) -> Float32Array (exact). */
export function decodeMinifloat(type: MinifloatType, codes: Uint8Array): Float32Array {
  const table = decodeTable(type);
  const mask = table.length - 1;
  const out = new Float32Array(codes.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < codes.length; i++) bits[i] = table[codes[i] & mask];
  return out;
}

function largestFinite(format: Format): number {
  const exponentMask = (1 << format.exponentBits) - 1;
  const fullMantissa = (1 << format.mantissaBits) - 1;
  let exponent = exponentMask;
  let mantissa = fullMantissa;
  if (format.infinity) exponent = exponentMask - 1;
  else if (format.nan === 'all-ones') mantissa = format.mantissaBits === 0 ? 0 : fullMantissa - 1;
  if (format.nan === 'all-ones' && format.mantissaBits === 0) exponent = exponentMask - 1;
  return (1 + mantissa / 2 ** format.mantissaBits) * 2 ** (exponent - format.bias);
}

function nanCode(format: Format, width: number, float32Bits: number): number {
  const negative = (float32Bits & 0x80000000) !== 0;
  const signBit = format.signed && negative ? 1 << (width - 1) : 0;
  switch (format.nan) {
    case 'negative-zero':
      return 1 << (width - 1);
    case 'all-ones':
      return ((1 << (width - (format.signed ? 1 : 0))) - 1) | signBit;
    case 'ieee': {
      const payload = (float32Bits >>> 21) & 3;
      return signBit | 0x7c | (payload === 0 ? 2 : payload);
    }
    case 'none':
      return signBit | ((1 << (width - 1)) - 1);
  }
}

/** Magnitude -> code bits without sign, round to nearest even; returns -1 when it rounds past the largest finite value. */
function encodeMagnitude(format: Format, magnitude: number, maxFinite: number): number {
  if (magnitude === 0) return 0;
  const minExponent = 1 - format.bias;
  let exponent = Math.max(Math.floor(Math.log2(magnitude)), minExponent);
  while (exponent > minExponent && 2 ** exponent > magnitude) exponent--;
  while (2 ** (exponent + 1) <= magnitude) exponent++;
  const quantum = 2 ** (exponent - format.mantissaBits);
  const scaled = magnitude / quantum;
  let steps = Math.floor(scaled);
  const fraction = scaled - steps;
  if (fraction > 0.5 || (fraction === 0.5 && steps % 2 === 1)) steps++;
  const rounded = steps * quantum;
  if (rounded > maxFinite) return -1;
  if (rounded === 0) return 0;
  const implicit = 1 << format.mantissaBits;
  if (format.mantissaBits === 0) return exponent + format.bias + (steps === 2 ? 1 : 0);
  if (steps < implicit) return steps;
  if (steps === implicit * 2) return ((exponent + 1 + format.bias) << format.mantissaBits);
  return ((exponent + format.bias) << format.mantissaBits) | (steps - implicit);
}

/**
 * Float32Array (or numbers) -> codes, one per element. `saturate` (default true, as ONNX Cast and
 * QuantizeLinear) clamps out-of-range finite values to the largest finite value; without it they
 * become infinity where the format has one, NaN otherwise. NaN payloads and signs of a
 * Float32Array survive where the format can hold them. float8e8m0 is decode-only here (ONNX
 * rounds it upwards by default, unlike every other type): pass its codes as a Uint8Array.
 */
export function encodeMinifloat(type: MinifloatType, values: ArrayLike<number>, saturate = true): Uint8Array {
  if (type === DataType.FLOAT8E8M0) {
    throw invalidArgument('Encoding float8e8m0 from numbers is not supported; pass the codes as a Uint8Array');
  }
  const format = FORMATS[type];
  const width = (format.signed ? 1 : 0) + format.exponentBits + format.mantissaBits;
  const maxFinite = largestFinite(format);
  const maxCode = encodeMagnitude(format, maxFinite, maxFinite);
  const bits = values instanceof Float32Array ? new Uint32Array(values.buffer, values.byteOffset, values.length) : undefined;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) {
      out[i] = nanCode(format, width, bits === undefined ? QUIET_NAN : bits[i]);
      continue;
    }
    const negative = value < 0 || Object.is(value, -0);
    const signBit = negative ? 1 << (width - 1) : 0;
    if (Math.abs(value) === Infinity && format.infinity) {
      out[i] = 0x7c | signBit;
      continue;
    }
    let code = Math.abs(value) === Infinity ? -1 : encodeMagnitude(format, Math.abs(value), maxFinite);
    if (code === -1) {
      if (saturate) code = maxCode;
      else if (format.infinity) code = 0x7c;
      else {
        out[i] = nanCode(format, width, negative ? 0x80000000 : 0);
        continue;
      }
    }
    out[i] = code === 0 && format.nan === 'negative-zero' ? 0 : code | signBit;
  }
  return out;
}
