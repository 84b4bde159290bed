/** Tensors between ONNX Runtime / datasets (SampleTensor, ort.Tensor) and libs/onnx (Tensor), for the stage host. */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { createTensor, type DataTypeName, type Tensor } from '@edgepress/onnx';
import type { SampleDataType, SampleTensor } from '../data/sample';
import type { OutputTensor } from '../evaluate/ort-session';

const ONNX_NAME: Readonly<Record<string, DataTypeName>> = {
  float32: 'float',
  float64: 'double',
  float16: 'float16',
  int64: 'int64',
  int32: 'int32',
  int16: 'int16',
  int8: 'int8',
  uint64: 'uint64',
  uint32: 'uint32',
  uint16: 'uint16',
  uint8: 'uint8',
  bool: 'bool',
  string: 'string',
};

/** A dataset or ONNX Runtime tensor as a libs/onnx tensor (float16 arrives as bit patterns, which createTensor accepts). */
export function toOnnxTensor(tensor: SampleTensor | OutputTensor, name: string): Tensor {
  const type = 'dataType' in tensor ? tensor.dataType : tensor.type;
  const dataType = ONNX_NAME[type];
  if (dataType === undefined) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Tensor '${name}' holds ${type} values, which the stage host cannot hand to a plugin`);
  return createTensor({ dataType, dims: [...tensor.dims], data: tensor.data as Float32Array });
}

export type { SampleDataType };
