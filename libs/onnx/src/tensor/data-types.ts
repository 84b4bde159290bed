/**
 * ONNX tensor element types (TensorProto.DataType): numbers as stored in the model, lower-case
 * names as used across Edgepress, and how each type is laid out in raw_data and in the typed
 * fields of TensorProto (see the comments on those fields in onnx.proto).
 */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
} as const;

export type DataType = (typeof DataType)[keyof typeof DataType];

export type DataTypeName =
  | 'float'
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'string'
  | 'bool'
  | 'float16'
  | 'double'
  | 'uint32'
  | 'uint64'
  | 'complex64'
  | 'complex128'
  | 'bfloat16'
  | 'float8e4m3fn'
  | 'float8e4m3fnuz'
  | 'float8e5m2'
  | 'float8e5m2fnuz'
  | 'uint4'
  | 'int4'
  | 'float4e2m1'
  | 'float8e8m0';

/** The TensorProto field that holds a type's values when raw_data is not used. */
export type TypedField = 'floatData' | 'int32Data' | 'int64Data' | 'doubleData' | 'uint64Data' | 'stringData';

export interface DataTypeInfo {
  readonly dataType: DataType;
  readonly name: DataTypeName;
  /** Bits per element in raw_data (4 for the packed 4-bit types); 0 for string, which has no raw form. */
  readonly bits: number;
  readonly typedField: TypedField;
  /** True for types decoded to Float32Array/Float64Array (every floating and complex type). */
  readonly floating: boolean;
}

function info(dataType: DataType, name: DataTypeName, bits: number, typedField: TypedField, floating: boolean): DataTypeInfo {
  return Object.freeze({ dataType, name, bits, typedField, floating });
}

const INFOS: readonly DataTypeInfo[] = [
  info(DataType.FLOAT, 'float', 32, 'floatData', true),
  info(DataType.UINT8, 'uint8', 8, 'int32Data', false),
  info(DataType.INT8, 'int8', 8, 'int32Data', false),
  info(DataType.UINT16, 'uint16', 16, 'int32Data', false),
  info(DataType.INT16, 'int16', 16, 'int32Data', false),
  info(DataType.INT32, 'int32', 32, 'int32Data', false),
  info(DataType.INT64, 'int64', 64, 'int64Data', false),
  info(DataType.STRING, 'string', 0, 'stringData', false),
  info(DataType.BOOL, 'bool', 8, 'int32Data', false),
  info(DataType.FLOAT16, 'float16', 16, 'int32Data', true),
  info(DataType.DOUBLE, 'double', 64, 'doubleData', true),
  info(DataType.UINT32, 'uint32', 32, 'uint64Data', false),
  info(DataType.UINT64, 'uint64', 64, 'uint64Data', false),
  info(DataType.COMPLEX64, 'complex64', 64, 'floatData', true),
  info(DataType.COMPLEX128, 'complex128', 128, 'doubleData', true),
  info(DataType.BFLOAT16, 'bfloat16', 16, 'int32Data', true),
  info(DataType.FLOAT8E4M3FN, 'float8e4m3fn', 8, 'int32Data', true),
  info(DataType.FLOAT8E4M3FNUZ, 'float8e4m3fnuz', 8, 'int32Data', true),
  info(DataType.FLOAT8E5M2, 'float8e5m2', 8, 'int32Data', true),
  info(DataType.FLOAT8E5M2FNUZ, 'float8e5m2fnuz', 8, 'int32Data', true),
  info(DataType.UINT4, 'uint4', 4, 'int32Data', false),
  info(DataType.INT4, 'int4', 4, 'int32Data', false),
  info(DataType.FLOAT4E2M1, 'float4e2m1', 4, 'int32Data', true),
  info(DataType.FLOAT8E8M0, 'float8e8m0', 8, 'int32Data', true),
];

const BY_NUMBER = new Map<number, DataTypeInfo>(INFOS.map((i) => [i.dataType, i]));
const BY_NAME = new Map<string, DataTypeInfo>(INFOS.map((i) => [i.name, i]));

/** Every element type this package reads and writes. */
export const DATA_TYPES: readonly DataTypeInfo[] = INFOS;

/** Layout facts of a data type, or undefined for UNDEFINED and numbers ONNX does not define. */
export function dataTypeInfo(dataType: number): DataTypeInfo | undefined {
  return BY_NUMBER.get(dataType);
}

export function isKnownDataType(dataType: number): dataType is DataType {
  return BY_NUMBER.has(dataType);
}

/** `float`, `int8`, ... for a known type; `undefined(<n>)` style text otherwise, for messages. */
export function dataTypeName(dataType: number): string {
  return BY_NUMBER.get(dataType)?.name ?? `unknown data type ${dataType}`;
}

export function dataTypeFromName(name: string): DataType | undefined {
  return BY_NAME.get(name)?.dataType;
}

/** Bytes that `count` elements take in raw_data (4-bit types pack two per byte, rounded up). */
export function rawByteLength(info: DataTypeInfo, count: number): number {
  return info.bits === 4 ? Math.ceil(count / 2) : (count * info.bits) / 8;
}

/** Entries that `count` elements take in the type's typed field. */
export function typedEntryCount(info: DataTypeInfo, count: number): number {
  if (info.bits === 4) return Math.ceil(count / 2);
  if (info.dataType === DataType.COMPLEX64 || info.dataType === DataType.COMPLEX128) return count * 2;
  return count;
}
