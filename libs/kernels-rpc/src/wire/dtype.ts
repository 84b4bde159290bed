/** The DataType enum of kernels.proto and the typed arrays that hold each type's bytes. */
import type { KernelTypedArray, QuantizedType } from '@edgepress/kernels-native';

export type TypedArrayConstructor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor;

interface DataTypeInfo {
  /** The typed array a tensor of this type is read into (packed 4-bit: bytes). */
  readonly ctor: TypedArrayConstructor;
  /** Bits per element (4 for the packed types). */
  readonly bits: number;
}

export const DATA_TYPES = {
  DATA_TYPE_FLOAT32: { ctor: Float32Array, bits: 32 },
  DATA_TYPE_FLOAT64: { ctor: Float64Array, bits: 64 },
  DATA_TYPE_INT8: { ctor: Int8Array, bits: 8 },
  DATA_TYPE_UINT8: { ctor: Uint8Array, bits: 8 },
  DATA_TYPE_INT16: { ctor: Int16Array, bits: 16 },
  DATA_TYPE_UINT16: { ctor: Uint16Array, bits: 16 },
  DATA_TYPE_INT32: { ctor: Int32Array, bits: 32 },
  DATA_TYPE_UINT32: { ctor: Uint32Array, bits: 32 },
  DATA_TYPE_INT4: { ctor: Uint8Array, bits: 4 },
  DATA_TYPE_UINT4: { ctor: Uint8Array, bits: 4 },
} as const satisfies Record<string, DataTypeInfo>;

export type DataType = keyof typeof DATA_TYPES;

export function isDataType(value: unknown): value is DataType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DATA_TYPES, value);
}

/** Bytes that hold `elements` values of `dtype`. */
export function byteLengthOf(dtype: DataType, elements: number): number {
  return Math.ceil((elements * DATA_TYPES[dtype].bits) / 8);
}

const TYPED_ARRAY_DTYPES: Record<string, DataType> = {
  Float32Array: 'DATA_TYPE_FLOAT32',
  Float64Array: 'DATA_TYPE_FLOAT64',
  Int8Array: 'DATA_TYPE_INT8',
  Uint8Array: 'DATA_TYPE_UINT8',
  Int16Array: 'DATA_TYPE_INT16',
  Uint16Array: 'DATA_TYPE_UINT16',
  Int32Array: 'DATA_TYPE_INT32',
  Uint32Array: 'DATA_TYPE_UINT32',
};

// Reads the internal type name, so typed arrays from another realm (Jest's context, native
// addons) are recognised too.
const typedArrayName = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)?.get as (
  this: unknown,
) => string | undefined;

/** The DataType of a typed array, or undefined for anything that is not a typed array. */
export function dataTypeOfArray(value: unknown): DataType | undefined {
  const name = typedArrayName.call(value);
  return name === undefined ? undefined : TYPED_ARRAY_DTYPES[name];
}

const QUANTIZED_DTYPES: Record<QuantizedType, DataType> = {
  int8: 'DATA_TYPE_INT8',
  uint8: 'DATA_TYPE_UINT8',
  int4: 'DATA_TYPE_INT4',
  uint4: 'DATA_TYPE_UINT4',
};

export function dataTypeOfQuantized(type: QuantizedType): DataType | undefined {
  return Object.prototype.hasOwnProperty.call(QUANTIZED_DTYPES, type) ? QUANTIZED_DTYPES[type] : undefined;
}

/** The quantized type a DataType names, or undefined when it names none (float32, int32, ...). */
export function quantizedTypeOf(dtype: DataType): QuantizedType | undefined {
  return (Object.keys(QUANTIZED_DTYPES) as QuantizedType[]).find((type) => QUANTIZED_DTYPES[type] === dtype);
}

/** A typed view of `bytes` as `dtype`; bytes must start at an offset aligned for the type. */
export function viewAs(dtype: DataType, bytes: Uint8Array): KernelTypedArray {
  const { ctor } = DATA_TYPES[dtype];
  return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / ctor.BYTES_PER_ELEMENT);
}
