import { invalidArgument } from '../errors';
import { DataType, dataTypeFromName, dataTypeInfo, type DataTypeName } from './data-types';
import { bfloat16ToFloat32, float16ToFloat32, float32ToBfloat16, float32ToFloat16 } from './float16';
import { decodeMinifloat, encodeMinifloat, isMinifloatType } from './minifloat';
import { elementCount } from './shape';

/**
 * A decoded tensor. `data` holds one entry per element, in row-major order:
 *
 * | data type                                  | data                                   |
 * |--------------------------------------------|----------------------------------------|
 * | float, float16, bfloat16, float8*, float4  | Float32Array (exact values)            |
 * | double                                     | Float64Array                           |
 * | complex64 / complex128                     | Float32Array / Float64Array, (re, im) pairs, 2 entries per element |
 * | int8, int4                                 | Int8Array (int4 unpacked, -8..7)       |
 * | uint8, uint4, bool                         | Uint8Array (uint4 unpacked; bool 0/1)  |
 * | int16 / uint16 / int32 / uint32            | Int16Array / Uint16Array / Int32Array / Uint32Array |
 * | int64 / uint64                             | BigInt64Array / BigUint64Array         |
 * | string                                     | Uint8Array[] (ONNX strings are bytes)  |
 */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Uint8Array[];

export interface Tensor {
  readonly name: string;
  readonly dataType: DataType;
  readonly dims: readonly number[];
  readonly data: TensorData;
}

export interface TensorInit {
  name?: string;
  dataType: DataType | DataTypeName;
  dims: readonly number[];
  /**
   * Values in the decoded form above, or as plain arrays. float16/bfloat16 also accept their bit
   * patterns as a Uint16Array and the 8/4-bit float types their codes as a Uint8Array (one per
   * element); strings accept JavaScript strings (stored as UTF-8).
   */
  data: TensorData | ArrayLike<number> | ArrayLike<bigint> | readonly string[] | readonly boolean[];
}

const INT_RANGES: Partial<Record<DataType, readonly [number, number]>> = {
  [DataType.INT8]: [-128, 127],
  [DataType.UINT8]: [0, 255],
  [DataType.INT16]: [-32768, 32767],
  [DataType.UINT16]: [0, 65535],
  [DataType.INT32]: [-2147483648, 2147483647],
  [DataType.UINT32]: [0, 4294967295],
  [DataType.INT4]: [-8, 7],
  [DataType.UINT4]: [0, 15],
  [DataType.BOOL]: [0, 1],
};

type IntArrayConstructor = Int8ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor;

const INT_ARRAYS: Partial<Record<DataType, IntArrayConstructor>> = {
  [DataType.INT8]: Int8Array,
  [DataType.UINT8]: Uint8Array,
  [DataType.INT16]: Int16Array,
  [DataType.UINT16]: Uint16Array,
  [DataType.INT32]: Int32Array,
  [DataType.UINT32]: Uint32Array,
  [DataType.INT4]: Int8Array,
  [DataType.UINT4]: Uint8Array,
  [DataType.BOOL]: Uint8Array,
};

/** Resolves a data type given as a number or a name, refusing anything ONNX does not define. */
export function resolveDataType(dataType: DataType | DataTypeName | number | string): DataType {
  const resolved = typeof dataType === 'string' ? dataTypeFromName(dataType) : dataType;
  if (resolved === undefined || dataTypeInfo(resolved) === undefined) {
    throw invalidArgument(`Expected an ONNX data type (a TensorProto.DataType number or a name such as 'float') but received ${JSON.stringify(dataType)}`);
  }
  return resolved as DataType;
}

/**
 * Builds a tensor from typed arrays or plain arrays, validating the shape and every value
 * against the data type. Values for the narrow float types are rounded (nearest, ties to even)
 * on the way in, so `data` is exactly what will be stored. Typed arrays of the decoded form are
 * kept, not copied.
 */
export function createTensor(init: TensorInit): Tensor {
  if (typeof init !== 'object' || init === null) throw invalidArgument('Expected a tensor description object');
  const dataType = resolveDataType(init.dataType);
  const name = init.name ?? '';
  if (typeof name !== 'string') throw invalidArgument(`Expected a string for the tensor name but received ${typeof name}`);
  if (!Array.isArray(init.dims)) throw invalidArgument(`Expected an array of dimensions for tensor '${name}'`);
  const counted = elementCount(init.dims);
  if ('problem' in counted) throw invalidArgument(`Invalid dimensions for tensor '${name}': ${counted.problem}`);
  const complex = dataType === DataType.COMPLEX64 || dataType === DataType.COMPLEX128;
  const expected = complex ? counted.count * 2 : counted.count;
  const source = init.data as ArrayLike<unknown>;
  if (source === null || typeof source !== 'object' || typeof source.length !== 'number') {
    throw invalidArgument(`Expected an array of values for tensor '${name}'`);
  }
  if (source.length !== expected) {
    throw invalidArgument(`Expected ${expected} values for tensor '${name}' of shape [${counted.dims.join(', ')}] but received ${source.length}`);
  }
  return Object.freeze({ name, dataType, dims: Object.freeze(counted.dims), data: normalizeData(dataType, source, name) });
}

function normalizeData(dataType: DataType, source: ArrayLike<unknown>, name: string): TensorData {
  switch (dataType) {
    case DataType.FLOAT:
    case DataType.COMPLEX64:
      return source instanceof Float32Array ? source : Float32Array.from(numbers(source, name));
    case DataType.DOUBLE:
    case DataType.COMPLEX128:
      return source instanceof Float64Array ? source : Float64Array.from(numbers(source, name));
    case DataType.FLOAT16:
      return source instanceof Uint16Array ? float16ToFloat32(source) : float16ToFloat32(float32ToFloat16(asFloat32(source, name)));
    case DataType.BFLOAT16:
      return source instanceof Uint16Array ? bfloat16ToFloat32(source) : bfloat16ToFloat32(float32ToBfloat16(asFloat32(source, name)));
    case DataType.INT64:
      return source instanceof BigInt64Array ? source : BigInt64Array.from(bigints(source, name, -(2n ** 63n), 2n ** 63n - 1n));
    case DataType.UINT64:
      return source instanceof BigUint64Array ? source : BigUint64Array.from(bigints(source, name, 0n, 2n ** 64n - 1n));
    case DataType.STRING:
      return strings(source, name);
    default:
      break;
  }
  if (isMinifloatType(dataType)) {
    const codes = source instanceof Uint8Array ? source : encodeMinifloat(dataType, asFloat32(source, name));
    if (dataType === DataType.FLOAT4E2M1) {
      for (let i = 0; i < codes.length; i++) {
        if (codes[i] > 15) throw invalidArgument(`Expected float4e2m1 codes 0..15 in tensor '${name}' but element ${i} is ${codes[i]}`);
      }
    }
    return decodeMinifloat(dataType, codes);
  }
  const ArrayType = INT_ARRAYS[dataType];
  const range = INT_RANGES[dataType];
  if (ArrayType === undefined || range === undefined) throw invalidArgument(`Unsupported data type ${dataType}`);
  const values = source instanceof ArrayType && dataType !== DataType.BOOL && dataType !== DataType.INT4 && dataType !== DataType.UINT4 ? undefined : source;
  if (values === undefined) return source as unknown as TensorData;
  const out = new ArrayType(values.length);
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    const value = typeof raw === 'boolean' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
      throw invalidArgument(`Expected integers in [${range[0]}, ${range[1]}] for tensor '${name}' but element ${i} is ${String(raw)}`);
    }
    out[i] = value;
  }
  return out;
}

function numbers(source: ArrayLike<unknown>, name: string): ArrayLike<number> {
  for (let i = 0; i < source.length; i++) {
    if (typeof source[i] !== 'number') throw invalidArgument(`Expected numbers for tensor '${name}' but element ${i} is ${typeof source[i]}`);
  }
  return source as ArrayLike<number>;
}

function asFloat32(source: ArrayLike<unknown>, name: string): Float32Array {
  return source instanceof Float32Array ? source : Float32Array.from(numbers(source, name));
}

function bigints(source: ArrayLike<unknown>, name: string, min: bigint, max: bigint): bigint[] {
  const out: bigint[] = new Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const raw = source[i];
    let value: bigint;
    if (typeof raw === 'bigint') value = raw;
    else if (typeof raw === 'number' && Number.isSafeInteger(raw)) value = BigInt(raw);
    else throw invalidArgument(`Expected integers (bigint or safe numbers) for tensor '${name}' but element ${i} is ${String(raw)}`);
    if (value < min || value > max) throw invalidArgument(`Element ${i} of tensor '${name}' (${value}) is outside [${min}, ${max}]`);
    out[i] = value;
  }
  return out;
}

const utf8 = new TextEncoder();

function strings(source: ArrayLike<unknown>, name: string): Uint8Array[] {
  const out: Uint8Array[] = new Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const value = source[i];
    if (typeof value === 'string') out[i] = utf8.encode(value);
    else if (value instanceof Uint8Array) out[i] = value;
    else throw invalidArgument(`Expected strings or Uint8Array for string tensor '${name}' but element ${i} is ${typeof value}`);
  }
  return out;
}
