import { invalidArgument, invalidModel } from '../errors';
import type { TensorProto } from '../gen/onnx_pb';
import { DEFAULT_LIMITS, type Limits } from '../limits';
import { DataType } from './data-types';
import { bfloat16ToFloat32, float16ToFloat32 } from './float16';
import { unpackInt4 } from './int4';
import { inspectTensor, type TensorLayout } from './layout';
import { decodeMinifloat, isMinifloatType } from './minifloat';
import type { Tensor, TensorData } from './tensor';

export interface DecodeOptions {
  limits?: Limits;
  /** The tensor's bytes when it is stored as external data (see loadExternalData). */
  externalData?: Uint8Array;
  /** How to name the tensor in errors; defaults to "tensor '<name>'". */
  where?: string;
}

/**
 * TensorProto -> Tensor with typed-array data (see Tensor for the form of each type). Reads
 * raw_data (copied first: it is an unaligned view into the model bytes), the typed fields, or the
 * loaded external bytes. Lengths are validated before anything is allocated.
 */
export function decodeTensor(proto: TensorProto, options: DecodeOptions = {}): Tensor {
  const where = options.where ?? `tensor '${proto.name}'`;
  const layout = inspectTensor(proto, where, options.limits ?? DEFAULT_LIMITS);
  let data: TensorData;
  switch (layout.storage) {
    case 'raw':
      data = fromBytes(layout, proto.rawData.slice());
      break;
    case 'external': {
      const bytes = options.externalData;
      if (bytes === undefined) {
        throw invalidArgument(`${where} is stored as external data that was not loaded; read the model with readModelFile or call loadExternalData`);
      }
      if (bytes.length !== layout.byteLength) {
        throw invalidModel(`${where} has ${bytes.length} bytes of external data but its shape needs ${layout.byteLength}`, { tensor: proto.name });
      }
      data = fromBytes(layout, bytes.slice());
      break;
    }
    case 'typed':
      data = fromTypedField(layout, proto);
      break;
    case 'empty':
      data = fromBytes(layout, new Uint8Array(0));
      break;
  }
  return Object.freeze({ name: proto.name, dataType: layout.info.dataType, dims: Object.freeze(layout.dims), data });
}

/** Little-endian raw bytes (an aligned copy we own) -> decoded data. */
function fromBytes(layout: TensorLayout, bytes: Uint8Array): TensorData {
  const { buffer } = bytes;
  const type = layout.info.dataType;
  switch (type) {
    case DataType.FLOAT:
    case DataType.COMPLEX64:
      return new Float32Array(buffer, 0, bytes.length / 4);
    case DataType.DOUBLE:
    case DataType.COMPLEX128:
      return new Float64Array(buffer, 0, bytes.length / 8);
    case DataType.FLOAT16:
      return float16ToFloat32(new Uint16Array(buffer, 0, bytes.length / 2));
    case DataType.BFLOAT16:
      return bfloat16ToFloat32(new Uint16Array(buffer, 0, bytes.length / 2));
    case DataType.INT8:
      return new Int8Array(buffer, 0, bytes.length);
    case DataType.UINT8:
    case DataType.BOOL:
      return bytes;
    case DataType.INT16:
      return new Int16Array(buffer, 0, bytes.length / 2);
    case DataType.UINT16:
      return new Uint16Array(buffer, 0, bytes.length / 2);
    case DataType.INT32:
      return new Int32Array(buffer, 0, bytes.length / 4);
    case DataType.UINT32:
      return new Uint32Array(buffer, 0, bytes.length / 4);
    case DataType.INT64:
      return new BigInt64Array(buffer, 0, bytes.length / 8);
    case DataType.UINT64:
      return new BigUint64Array(buffer, 0, bytes.length / 8);
    case DataType.INT4:
      return unpackInt4(bytes, layout.count, true);
    case DataType.UINT4:
      return unpackInt4(bytes, layout.count, false);
    case DataType.FLOAT4E2M1:
      return decodeMinifloat(type, unpackInt4(bytes, layout.count, false));
    case DataType.STRING:
      return [];
    default:
      if (isMinifloatType(type)) return decodeMinifloat(type, bytes);
      throw invalidModel(`cannot decode data type ${type}`);
  }
}

function fromTypedField(layout: TensorLayout, proto: TensorProto): TensorData {
  const type = layout.info.dataType;
  switch (layout.info.typedField) {
    case 'floatData':
      return Float32Array.from(proto.floatData);
    case 'doubleData':
      return Float64Array.from(proto.doubleData);
    case 'int64Data':
      return BigInt64Array.from(proto.int64Data);
    case 'uint64Data':
      return type === DataType.UINT32
        ? Uint32Array.from(proto.uint64Data, (value) => Number(BigInt.asUintN(32, value)))
        : BigUint64Array.from(proto.uint64Data);
    case 'stringData':
      return proto.stringData.map((item) => item.slice());
    case 'int32Data':
      return fromInt32Data(layout, proto.int32Data);
  }
}

/** int32_data carries the small integer types, bool, and the bit patterns of the narrow float types. */
function fromInt32Data(layout: TensorLayout, values: number[]): TensorData {
  const type = layout.info.dataType;
  switch (type) {
    case DataType.INT32:
      return Int32Array.from(values);
    case DataType.INT8:
      return Int8Array.from(values);
    case DataType.UINT8:
    case DataType.BOOL:
      return Uint8Array.from(values);
    case DataType.INT16:
      return Int16Array.from(values);
    case DataType.UINT16:
      return Uint16Array.from(values);
    case DataType.FLOAT16:
      return float16ToFloat32(Uint16Array.from(values));
    case DataType.BFLOAT16:
      return bfloat16ToFloat32(Uint16Array.from(values));
    default:
      // 4-bit types: one int32 entry per packed byte; 8-bit floats: one code per entry.
      return fromBytes(layout, Uint8Array.from(values));
  }
}
