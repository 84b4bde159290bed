/** @edgepress/onnx: the public surface. Everything else in this package is internal. */

// The summary contract libs/targets consumes.
export type { Dim, ElementTypeName, LayerCost, LayerPrecision, ModelSummary, ValueSummary } from './model-summary';

// Reading and writing (trust boundary 2), with named caps.
export { DEFAULT_LIMITS, type Limits } from './limits';
export { readModel, readModelFile, type ReadOptions, type ReadFileOptions } from './model/read';
export { writeModel, writeModelFile } from './model/write';
export { loadExternalData, inlineExternalData } from './external-data';

// The model and its graphs: lookups and edits, by name.
export { OnnxModel } from './model/onnx-model';
export { ModelGraph, type NodeRef, type ValueUse } from './graph/model-graph';
export type { NodeSpec, ReplaceUsesOptions } from './graph/edit';
export type { WeightRef, WeightInfo, WeightLocation } from './graph/weights';
export type { WeightPlacement } from './graph/weight-placement';
export type { ValueType } from './graph/value-info';
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
export { checkModel, assertValidModel, type ModelIssue, type IssueCode } from './graph/check';
export { removeDeadNodes, removeUnusedWeights, removeUnused } from './graph/prune';
export { raiseOpset, ensureOpset, type RaiseOpsetReport, type OpsetChange } from './opset/raise-opset';

// Tensors of every ONNX data type.
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

// What a model contains and costs.
export { summarizeModel, type SummaryOptions } from './summary/summarize';
export { inferShapes, type ShapeOptions, type ShapeInference } from './summary/shape-inference';
export type { InferredValue } from './summary/dims';

// The protobuf message types the API hands out (generated from proto/onnx.proto).
export type { AttributeProto, GraphProto, ModelProto, NodeProto, SparseTensorProto, TensorProto, ValueInfoProto } from './gen/onnx_pb';
