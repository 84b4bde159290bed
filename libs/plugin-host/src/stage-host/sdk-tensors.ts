/**
 * Tensors as the SDK shows them (TensorData: a data type name, dims and one typed array or string
 * list) and as libs/onnx holds them (Tensor). Writes come from the sandbox: the data type must be
 * one the SDK names, the dims a bounded list of non-negative integers, and the values the typed
 * array of that type with exactly one entry per element (the range of int4/uint4/bool values is
 * checked by createTensor). Typed arrays are recognised by their internal type, not by
 * `instanceof`, because they may come from another realm; they are copied, so a plugin cannot
 * change a tensor after writing it. Tests: sdk-tensors.test.ts.
 */
import type { DataTypeName, TensorData, TensorHandle, TensorValues } from '@edgepress/plugin-sdk';
import { createTensor, dataTypeName, type Tensor } from '@edgepress/onnx';
import { describeValue, expectOptions, invalidArgument } from './arguments';

export const MAX_RANK = 64;

type TypedArrayConstructor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

/** The typed array each SDK data type is read and written as ('string' is a string list). */
const ARRAY_OF: Readonly<Record<Exclude<DataTypeName, 'string'>, TypedArrayConstructor>> = {
  float: Float32Array,
  float16: Float32Array,
  bfloat16: Float32Array,
  double: Float64Array,
  int8: Int8Array,
  int4: Int8Array,
  uint8: Uint8Array,
  uint4: Uint8Array,
  bool: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
};

export const SDK_DATA_TYPES: readonly DataTypeName[] = [...(Object.keys(ARRAY_OF) as DataTypeName[]), 'string'];

export function isSdkDataType(name: string): name is DataTypeName {
  return (SDK_DATA_TYPES as readonly string[]).includes(name);
}

// The intrinsic getter reads a typed array's internal name whatever its realm; undefined otherwise.
const typedArrayName = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)?.get as (this: unknown) => string | undefined;

export function typedArrayNameOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? typedArrayName.call(value) : undefined;
}

export function expectDims(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || value.length > MAX_RANK) throw invalidArgument(`Expected an array of at most ${MAX_RANK} dimensions for ${what} but received ${describeValue(value)}`);
  let count = 1;
  return value.map((dim, axis) => {
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw invalidArgument(`Expected a non-negative integer for ${what}[${axis}] but received ${describeValue(dim)}`);
    }
    count *= dim;
    if (!Number.isSafeInteger(count)) throw invalidArgument(`The dimensions ${what} hold more elements than can be counted exactly`);
    return dim;
  });
}

export function elementCountOf(dims: readonly number[]): number {
  return dims.reduce((product, dim) => product * dim, 1);
}

/** Checks a TensorData from a plugin and turns it into a libs/onnx tensor (copying the values). */
export function tensorFromSdk(value: unknown, what: string): Tensor {
  const data = expectOptions(value, what, ['dataType', 'dims', 'values'], true) as Partial<Record<keyof TensorData, unknown>>;
  const dataType = data.dataType;
  if (typeof dataType !== 'string' || !isSdkDataType(dataType)) {
    throw invalidArgument(`Expected ${what}.dataType to be one of ${SDK_DATA_TYPES.join(', ')} but received ${describeValue(dataType)}`);
  }
  const dims = expectDims(data.dims, `${what}.dims`);
  const count = elementCountOf(dims);
  const values = data.values;
  if (dataType === 'string') {
    if (!Array.isArray(values) || !values.every((item) => typeof item === 'string')) {
      throw invalidArgument(`Expected ${what}.values to be an array of strings for a string tensor but received ${describeValue(values)}`);
    }
    if (values.length !== count) throw lengthMismatch(what, dims, count, values.length);
    return createTensor({ dataType, dims, data: values as string[] });
  }
  const Expected = ARRAY_OF[dataType];
  const arrived = typedArrayNameOf(values);
  if (arrived !== Expected.name) {
    throw invalidArgument(`Expected ${what}.values to be a ${Expected.name} for a ${dataType} tensor but received ${arrived ?? describeValue(values)}`);
  }
  const length = (values as ArrayLike<unknown>).length;
  if (length !== count) throw lengthMismatch(what, dims, count, length);
  // `new Expected(typedArray)` copies element by element through internal slots, so it works for arrays of any realm.
  const copy = new (Expected as Float32ArrayConstructor)(values as unknown as ArrayLike<number>);
  return createTensor({ dataType, dims, data: copy as unknown as Float32Array });
}

function lengthMismatch(what: string, dims: readonly number[], count: number, length: number) {
  return invalidArgument(`Expected ${count} values in ${what}.values for dims [${dims.join(', ')}] but received ${length}`);
}

const utf8 = new TextDecoder();

/** The SDK's TensorData of a libs/onnx tensor (strings decoded from UTF-8). The values are not copied. */
export function tensorToSdk(tensor: Tensor): TensorData {
  const name = sdkDataTypeOf(tensor.dataType);
  if (name === undefined) throw invalidArgument(`A ${dataTypeName(tensor.dataType)} tensor cannot be read by a plugin: the SDK has no values type for it`);
  const values: TensorValues = name === 'string' ? (tensor.data as Uint8Array[]).map((bytes) => utf8.decode(bytes)) : (tensor.data as Exclude<TensorValues, string[]>);
  return { dataType: name, dims: [...tensor.dims], values };
}

/** The SDK name of an ONNX data type, or undefined for types the SDK cannot express (float8, complex, float4). */
export function sdkDataTypeOf(dataType: number): DataTypeName | undefined {
  const name = dataTypeName(dataType);
  return isSdkDataType(name) ? name : undefined;
}

/** Bytes a decoded tensor occupies in host memory. */
export function decodedBytes(tensor: Tensor): number {
  if (Array.isArray(tensor.data)) return tensor.data.reduce((sum, bytes) => sum + bytes.byteLength + 16, 0);
  return (tensor.data as Float32Array).byteLength;
}

export function handleOf(id: string, dataType: DataTypeName, dims: readonly number[]): TensorHandle {
  return { id, dataType, dims: [...dims] };
}
