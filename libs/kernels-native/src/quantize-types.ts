/** The integer types the quantizers produce, as ONNX names them. */
export type QuantizedType = 'int8' | 'uint8' | 'int4' | 'uint4';

export const QUANTIZED_TYPES: readonly QuantizedType[] = ['int8', 'uint8', 'int4', 'uint4'];

/**
 * A quantized tensor. int8 data is an Int8Array, uint8 a Uint8Array, one element per value;
 * int4/uint4 data is a Uint8Array of ceil(n / 2) bytes in ONNX's packing (value i in byte i / 2,
 * even i in the low nibble, an odd count leaves the last high nibble 0).
 */
export interface QuantizedTensor {
  readonly type: QuantizedType;
  readonly data: Int8Array | Uint8Array;
  readonly shape: readonly number[];
}

export interface QuantizedRange {
  readonly qmin: number;
  readonly qmax: number;
}

const FULL_RANGE: Record<QuantizedType, QuantizedRange> = {
  int8: { qmin: -128, qmax: 127 },
  uint8: { qmin: 0, qmax: 255 },
  int4: { qmin: -8, qmax: 7 },
  uint4: { qmin: 0, qmax: 15 },
};

// One bit less (reduce_range): 7-bit int8 [-64, 63] keeps u8 x s8 products of vpmaddubsw pairs
// inside int16 on CPUs without VNNI.
const REDUCED_RANGE: Record<QuantizedType, QuantizedRange> = {
  int8: { qmin: -64, qmax: 63 },
  uint8: { qmin: 0, qmax: 127 },
  int4: { qmin: -4, qmax: 3 },
  uint4: { qmin: 0, qmax: 7 },
};

/** The range values saturate to: the type's full range, or one bit less with `reduceRange`. */
export function quantizedRange(type: QuantizedType, reduceRange = false): QuantizedRange {
  return (reduceRange ? REDUCED_RANGE : FULL_RANGE)[type];
}

export function bitsOf(type: QuantizedType): 4 | 8 {
  return type === 'int4' || type === 'uint4' ? 4 : 8;
}

export function isSignedType(type: QuantizedType): boolean {
  return type === 'int8' || type === 'int4';
}

/** Bytes that hold `count` values of `type`. */
export function quantizedByteLength(type: QuantizedType, count: number): number {
  return bitsOf(type) === 4 ? Math.ceil(count / 2) : count;
}
