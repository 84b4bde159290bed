/** Conversions shared by the quantization operators: quantized types and QuantizationParams. */
import type { QuantizationParams, QuantizedType } from '@edgepress/kernels-native';
import type { QuantizationParams as QuantizationParamsMessage, QuantizationParams__Output } from '../gen/edgepress/kernels/v1/QuantizationParams';
import type { DataType } from '../wire/dtype';
import type { TensorAssembler } from '../wire/tensor-assembler';
import type { TensorWriter } from '../wire/tensor-writer';
import { enumArg, enumName, forValidation, objectArg, optionalInteger } from './operator-codec';

export const QUANTIZED_TYPE_NAMES: Readonly<Record<QuantizedType, DataType>> = {
  int8: 'DATA_TYPE_INT8',
  uint8: 'DATA_TYPE_UINT8',
  int4: 'DATA_TYPE_INT4',
  uint4: 'DATA_TYPE_UINT4',
};

export function encodeQuantizedType(name: string, type: QuantizedType): DataType {
  return enumArg(name, type, type, QUANTIZED_TYPE_NAMES);
}

export function decodeQuantizedType(value: unknown): QuantizedType {
  return enumName(value, QUANTIZED_TYPE_NAMES);
}

const INT32_MAX = 2 ** 31 - 1;

export function encodeAxis(name: string, axis: number | undefined): number | undefined {
  return optionalInteger(name, axis, -INT32_MAX, INT32_MAX);
}

export function encodeBlockSize(name: string, blockSize: number | undefined): number | undefined {
  return optionalInteger(name, blockSize, 1, 2 ** 32 - 1);
}

export function encodeParams(w: TensorWriter, name: string, params: QuantizationParams): QuantizationParamsMessage {
  const p = objectArg(name, params);
  return {
    scale: w.array(`${name}.scale`, p.scale),
    zeroPoint: w.array(`${name}.zeroPoint`, p.zeroPoint),
    axis: encodeAxis(`${name}.axis`, p.axis),
    blockSize: encodeBlockSize(`${name}.blockSize`, p.blockSize),
  };
}

export function decodeParams(r: TensorAssembler, message: QuantizationParams__Output | null): QuantizationParams {
  if (message === null) return forValidation<QuantizationParams>(undefined);
  return forValidation<QuantizationParams>({
    scale: r.array(message.scale),
    zeroPoint: r.array(message.zeroPoint),
    axis: message.axis,
    blockSize: message.blockSize,
  });
}
