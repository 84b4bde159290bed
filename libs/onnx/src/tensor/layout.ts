import { isFieldSet } from '@bufbuild/protobuf';
import { invalidModel } from '../errors';
import { TensorProto_DataLocation, TensorProtoSchema, type TensorProto } from '../gen/onnx_pb';
import type { Limits } from '../limits';
import { DataType, dataTypeInfo, rawByteLength, typedEntryCount, type DataTypeInfo, type TypedField } from './data-types';
import { elementCount } from './shape';

/**
 * Where a TensorProto keeps its values and whether their amount matches the shape. Checked for
 * every tensor when a model is read, and again before decoding, so that no decoder ever sees a
 * length it did not expect (raw_data shorter or longer than the shape, typed fields of the wrong
 * kind, unknown data types, negative or overflowing dimensions, sizes above the caps).
 */
export type TensorStorage = 'raw' | 'typed' | 'external' | 'empty';

export interface TensorLayout {
  readonly info: DataTypeInfo;
  readonly dims: number[];
  readonly count: number;
  readonly storage: TensorStorage;
  /** Bytes of the values in raw form (string: total string bytes). */
  readonly byteLength: number;
}

const TYPED_FIELDS: readonly TypedField[] = ['floatData', 'int32Data', 'int64Data', 'doubleData', 'uint64Data', 'stringData'];
const FIELD_NAMES: Record<TypedField, string> = {
  floatData: 'float_data',
  int32Data: 'int32_data',
  int64Data: 'int64_data',
  doubleData: 'double_data',
  uint64Data: 'uint64_data',
  stringData: 'string_data',
};

/** Bytes one element takes once decoded (narrow floats widen to float32, 4-bit types unpack to a byte). */
export function decodedBytesPerElement(info: DataTypeInfo): number {
  if (info.bits === 4) return 1;
  if (info.floating && info.bits < 32) return 4;
  return info.bits / 8;
}

export function hasRawData(tensor: TensorProto): boolean {
  return tensor.rawData.length > 0 || isFieldSet(tensor, TensorProtoSchema.field.rawData);
}

export function isExternal(tensor: TensorProto): boolean {
  return tensor.dataLocation === TensorProto_DataLocation.EXTERNAL;
}

/** Validates a tensor's header and data amount; `where` names it in errors ("initializer 'w' of graph 'main'"). */
export function inspectTensor(tensor: TensorProto, where: string, limits: Limits): TensorLayout {
  const info = dataTypeInfo(tensor.dataType);
  if (info === undefined) {
    throw invalidModel(
      tensor.dataType === DataType.UNDEFINED
        ? `${where} has no data type`
        : `${where} has unknown data type ${tensor.dataType}`,
      { tensor: tensor.name },
    );
  }
  const counted = elementCount(tensor.dims);
  if ('problem' in counted) throw invalidModel(`${where} has invalid dimensions: ${counted.problem}`, { tensor: tensor.name });
  const { count, dims } = counted;
  if (tensor.segment !== undefined) throw invalidModel(`${where} is a segmented tensor, which is not supported`, { tensor: tensor.name });

  const decodedBytes = count * decodedBytesPerElement(info);
  const rawBytes = info.bits === 0 ? 0 : rawByteLength(info, count);
  checkCap(Math.max(decodedBytes, rawBytes), where, limits, tensor.name);

  const populated = TYPED_FIELDS.filter((field) => tensor[field].length > 0);
  const raw = hasRawData(tensor);
  const external = isExternal(tensor);
  const sources = populated.length + (raw ? 1 : 0) + (external ? 1 : 0);
  if (sources > 1) {
    const names = [...populated.map((f) => FIELD_NAMES[f]), ...(raw ? ['raw_data'] : []), ...(external ? ['external data'] : [])];
    throw invalidModel(`${where} holds data in more than one place (${names.join(', ')})`, { tensor: tensor.name });
  }
  if (external) {
    if (info.bits === 0) throw invalidModel(`${where} is a string tensor stored as external data, which ONNX does not allow`, { tensor: tensor.name });
    return { info, dims, count, storage: 'external', byteLength: rawBytes };
  }
  if (raw) {
    if (info.bits === 0) throw invalidModel(`${where} is a string tensor with raw_data, which ONNX does not allow`, { tensor: tensor.name });
    if (tensor.rawData.length !== rawBytes) {
      throw invalidModel(
        `${where} has ${tensor.rawData.length} bytes of raw_data but its shape [${dims.join(', ')}] of ${info.name} needs ${rawBytes}`,
        { tensor: tensor.name, expectedBytes: rawBytes, actualBytes: tensor.rawData.length },
      );
    }
    return { info, dims, count, storage: 'raw', byteLength: rawBytes };
  }
  if (populated.length === 1) {
    const field = populated[0];
    if (field !== info.typedField) {
      throw invalidModel(`${where} is ${info.name} but holds its values in ${FIELD_NAMES[field]} (expected ${FIELD_NAMES[info.typedField]} or raw_data)`, {
        tensor: tensor.name,
      });
    }
    const expected = typedEntryCount(info, count);
    if (tensor[field].length !== expected) {
      throw invalidModel(
        `${where} has ${tensor[field].length} entries in ${FIELD_NAMES[field]} but its shape [${dims.join(', ')}] of ${info.name} needs ${expected}`,
        { tensor: tensor.name, expectedEntries: expected, actualEntries: tensor[field].length },
      );
    }
    let byteLength = rawBytes;
    if (info.bits === 0) {
      byteLength = 0;
      for (const item of tensor.stringData) byteLength += item.length;
      checkCap(byteLength, where, limits, tensor.name);
    }
    return { info, dims, count, storage: 'typed', byteLength };
  }
  if (count > 0) {
    throw invalidModel(`${where} has no data but its shape [${dims.join(', ')}] holds ${count} elements`, { tensor: tensor.name });
  }
  return { info, dims, count, storage: 'empty', byteLength: 0 };
}

function checkCap(bytes: number, where: string, limits: Limits, tensor: string): void {
  if (bytes > limits.maxTensorBytes) {
    throw invalidModel(
      `${where} needs ${bytes} bytes, above limits.maxTensorBytes (${limits.maxTensorBytes}); raise it with { limits: { maxTensorBytes } } if the model is trusted`,
      { tensor, limit: 'maxTensorBytes', bytes },
    );
  }
}
