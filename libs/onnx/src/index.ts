export type {
  Dim,
  ElementTypeName,
  LayerCost,
  LayerPrecision,
  ModelSummary,
  ValueSummary,
} from './model-summary';

export { DEFAULT_LIMITS, type Limits } from './limits';

export { readModel, readModelFile, type ReadOptions, type ReadFileOptions } from './model/read';
export { writeModel, writeModelFile } from './model/write';
export { OnnxModel } from './model/onnx-model';
export { loadExternalData, inlineExternalData } from './external-data';

export { ModelGraph, type NodeRef, type ValueUse } from './graph/model-graph';
export type { NodeSpec, ReplaceUsesOptions } from './graph/edit';
export { describeNode, nodeInfo, type NodeInfo } from './graph/describe';
export {
  getAttribute,
  getInt,
  getInts,
  getFloat,
  getFloats,
  getString,
  getStrings,
  getTensor,
  getGraph,
  makeAttribute,
  type AttributeValue,
  type AttributeInput,
} from './graph/attributes';
export type { WeightRef, WeightInfo, WeightLocation } from './graph/weights';
export type { WeightPlacement } from './graph/weight-placement';
export type { ValueType } from './graph/value-info';

export { DataType, DATA_TYPES, dataTypeInfo, dataTypeName, dataTypeFromName, type DataTypeName, type DataTypeInfo } from './tensor/data-types';
export { createTensor, type Tensor, type TensorData, type TensorInit } from './tensor/tensor';
export { decodeTensor, type DecodeOptions } from './tensor/decode';
export { encodeTensor, type TensorEncoding } from './tensor/encode';
export {
  float32ToFloat16,
  float16ToFloat32,
  float32ToBfloat16,
  bfloat16ToFloat32,
  float32ToFloat16Bits,
  float16BitsToFloat32,
  float32ToBfloat16Bits,
  bfloat16BitsToFloat32,
} from './tensor/float16';
export { encodeMinifloat, decodeMinifloat, type MinifloatType } from './tensor/minifloat';
export { packInt4, unpackInt4 } from './tensor/int4';

export { checkModel, assertValidModel, type ModelIssue, type IssueCode } from './graph/check';
export { removeDeadNodes, removeUnusedWeights, removeUnused } from './graph/prune';
export { summarizeModel, type SummaryOptions } from './summary/summarize';
export { inferShapes, type ShapeOptions, type ShapeInference } from './summary/shape-inference';
export type { InferredValue } from './summary/dims';
export { raiseOpset, ensureOpset, type RaiseOpsetReport, type OpsetChange } from './opset/raise-opset';
