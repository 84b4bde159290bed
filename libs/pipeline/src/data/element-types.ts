import { dataTypeName } from '@edgepress/onnx';
import type { SampleDataType } from './sample';

/** ONNX element type names (as in ModelSummary) of the types a sample tensor can hold. */
const BY_ONNX_NAME: Readonly<Record<string, SampleDataType>> = {
  float: 'float32',
  double: 'float64',
  float16: 'float16',
  int64: 'int64',
  int32: 'int32',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
};

/** The sample data type for an ONNX element type name, or undefined when samples cannot hold it. */
export function sampleTypeOfOnnxName(name: string): SampleDataType | undefined {
  return Object.prototype.hasOwnProperty.call(BY_ONNX_NAME, name) ? BY_ONNX_NAME[name] : undefined;
}

/** The sample data type for a TensorProto.DataType number. */
export function sampleTypeOfOnnxType(dataType: number): SampleDataType | undefined {
  return sampleTypeOfOnnxName(dataTypeName(dataType));
}

export const SUPPORTED_ONNX_NAMES: readonly string[] = Object.keys(BY_ONNX_NAME);
