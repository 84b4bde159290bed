import { clearField, create } from '@bufbuild/protobuf';
import { invalidArgument } from '../errors';
import { TensorProto_DataLocation, TensorProtoSchema, type TensorProto } from '../gen/onnx_pb';
import { DataType, dataTypeInfo } from './data-types';
import { float32ToBfloat16, float32ToFloat16 } from './float16';
import { packInt4 } from './int4';
import { encodeMinifloat, isMinifloatType } from './minifloat';
import type { Tensor } from './tensor';

/** raw_data (compact, the default) or the type's typed field (float_data, int32_data, ...). */
export type TensorEncoding = 'raw' | 'typed';

/** Tensor -> a new TensorProto. Strings always use string_data (ONNX has no raw form for them). */
export function encodeTensor(tensor: Tensor, encoding: TensorEncoding = 'raw'): TensorProto {
  const proto = create(TensorProtoSchema, { name: tensor.name });
  writeTensorData(proto, tensor, encoding);
  return proto;
}

/**
 * Replaces the shape, type and values of `proto` in place, keeping its name, doc string, metadata
 * and unknown fields. External-data references are dropped: the values become inline.
 */
export function writeTensorData(proto: TensorProto, tensor: Tensor, encoding: TensorEncoding): void {
  const info = dataTypeInfo(tensor.dataType);
  if (info === undefined) throw invalidArgument(`Unknown data type ${tensor.dataType} for tensor '${tensor.name}'`);
  proto.dims = tensor.dims.map((dim) => BigInt(dim));
  proto.dataType = tensor.dataType;
  proto.floatData = [];
  proto.int32Data = [];
  proto.int64Data = [];
  proto.doubleData = [];
  proto.uint64Data = [];
  proto.stringData = [];
  if (proto.dataLocation === TensorProto_DataLocation.EXTERNAL) {
    proto.externalData = [];
    clearField(proto, TensorProtoSchema.field.dataLocation);
  }
  clearField(proto, TensorProtoSchema.field.rawData);
  if (tensor.dataType === DataType.STRING) {
    proto.stringData = (tensor.data as Uint8Array[]).map((item) => item);
    return;
  }
  if (encoding === 'raw') {
    proto.rawData = toRawBytes(tensor);
    return;
  }
  switch (info.typedField) {
    case 'floatData':
      proto.floatData = Array.from(tensor.data as Float32Array);
      return;
    case 'doubleData':
      proto.doubleData = Array.from(tensor.data as Float64Array);
      return;
    case 'int64Data':
      proto.int64Data = Array.from(tensor.data as BigInt64Array);
      return;
    case 'uint64Data':
      proto.uint64Data =
        tensor.dataType === DataType.UINT32
          ? Array.from(tensor.data as Uint32Array, (value) => BigInt(value))
          : Array.from(tensor.data as BigUint64Array);
      return;
    default:
      proto.int32Data = toInt32Entries(tensor);
  }
}

/** Values as stored in raw_data: little-endian, 4-bit types packed, narrow floats as bit patterns. */
export function toRawBytes(tensor: Tensor): Uint8Array {
  const type = tensor.dataType;
  const data = tensor.data;
  if (type === DataType.STRING || Array.isArray(data)) throw invalidArgument(`String tensor '${tensor.name}' has no raw form`);
  if (type === DataType.FLOAT16) return bytesOf(float32ToFloat16(data as Float32Array));
  if (type === DataType.BFLOAT16) return bytesOf(float32ToBfloat16(data as Float32Array));
  if (type === DataType.INT4 || type === DataType.UINT4) return packInt4(data as Int8Array | Uint8Array);
  if (type === DataType.FLOAT4E2M1) return packInt4(encodeMinifloat(type, data as Float32Array));
  if (type === DataType.FLOAT8E8M0) return encodeE8M0Exact(tensor);
  if (isMinifloatType(type)) return encodeMinifloat(type, data as Float32Array);
  return bytesOf(data).slice();
}

function toInt32Entries(tensor: Tensor): number[] {
  const type = tensor.dataType;
  if (type === DataType.FLOAT16) return Array.from(float32ToFloat16(tensor.data as Float32Array));
  if (type === DataType.BFLOAT16) return Array.from(float32ToBfloat16(tensor.data as Float32Array));
  if (type === DataType.INT4 || type === DataType.UINT4 || type === DataType.FLOAT4E2M1 || isMinifloatType(type)) {
    return Array.from(toRawBytes(tensor));
  }
  return Array.from(tensor.data as ArrayLike<number>);
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** float8e8m0 values are powers of two (or NaN), so decoded values map back to codes exactly. */
function encodeE8M0Exact(tensor: Tensor): Uint8Array {
  const values = tensor.data as Float32Array;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const exponent = Math.log2(value);
    if (Number.isNaN(value)) out[i] = 0xff;
    else if (Number.isInteger(exponent) && exponent >= -127 && exponent <= 127) out[i] = exponent + 127;
    else throw invalidArgument(`float8e8m0 tensor '${tensor.name}' element ${i} (${value}) is not a power of two in [2^-127, 2^127]`);
  }
  return out;
}
