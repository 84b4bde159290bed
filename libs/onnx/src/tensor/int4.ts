import { invalidArgument } from '../errors';

/**
 * Packed 4-bit integers as ONNX stores int4/uint4 (and float4 codes): two elements per byte, the
 * first element in the low nibble, an odd count padded with a zero high nibble.
 */

/** One value per element -> packed bytes. Values are taken modulo 16 (their low 4 bits). */
export function packInt4(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 2));
  for (let i = 0; i < values.length; i++) {
    const nibble = values[i] & 0x0f;
    out[i >> 1] |= (i & 1) === 0 ? nibble : nibble << 4;
  }
  return out;
}

/** Packed bytes -> `count` values: Int8Array in [-8, 7] when signed, Uint8Array in [0, 15] otherwise. */
export function unpackInt4(packed: Uint8Array, count: number, signed: true): Int8Array;
export function unpackInt4(packed: Uint8Array, count: number, signed: false): Uint8Array;
export function unpackInt4(packed: Uint8Array, count: number, signed: boolean): Int8Array | Uint8Array;
export function unpackInt4(packed: Uint8Array, count: number, signed: boolean): Int8Array | Uint8Array {
  if (!Number.isSafeInteger(count) || count < 0 || packed.length < Math.ceil(count / 2)) {
    throw invalidArgument(`Expected at least ${Math.ceil(count / 2)} packed bytes for ${count} 4-bit values but received ${packed.length}`);
  }
  const out = signed ? new Int8Array(count) : new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const byte = packed[i >> 1];
    const nibble = (i & 1) === 0 ? byte & 0x0f : byte >> 4;
    out[i] = signed && nibble > 7 ? nibble - 16 : nibble;
  }
  return out;
}
