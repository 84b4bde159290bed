export { definePlugin } from './define-plugin';
export type { ParamsSchema, Plugin, PluginDefinition } from './define-plugin';
export { PLUGIN_KINDS } from './manifest';
export type { JsonSchema, PluginKind, PluginManifest } from './manifest';
export { PLUGIN_API_VERSION, SDK_VERSION } from './version';
export type { DataTypeName, TensorData, TensorHandle, TensorValues } from './tensor';
export type {
  Precision,
  PluginTarget,
  SupportDecision,
  TargetKind,
  TargetQuantizationRequirements,
  TargetSparsitySupport,
} from './target';
export type { StageContext, StageLogger, StageResult, StageSignal, TensorApi } from './context/stage-context';
export type {
  AttributeInput,
  AttributeValue,
  GraphView,
  ModelApi,
  NodeSpec,
  NodeView,
  SetWeightOptions,
  ValueView,
  WeightLocation,
  WeightView,
} from './context/model-api';
export type {
  BinaryQuantized,
  CsrMatrix,
  IntegerType,
  KernelApi,
  KMeansResult,
  LowRankFactors,
  MatMulNBitsWeights,
  QuantizedTensor,
  QuantizeOptions,
  Tucker2Factors,
} from './context/kernel-api';
export type {
  ActivationRange,
  CalibrationApi,
  CalibrationMethod,
  Fidelity,
  NodeProfile,
  RangeOptions,
  RuntimeApi,
} from './context/calibration-api';
export { z } from 'zod';
export { EdgepressError, ErrorCode } from '@edgepress/errors';
