export { defineTarget } from './define-target';
export type { TargetFieldIssue } from './define-target';
export { getTarget, listTargets } from './catalog/catalog';
export { quantizationRequirements } from './quantization-requirements';
export type { QuantizationRequirements } from './quantization-requirements';
export { PRECISIONS } from './schema/fields';
export type { Precision } from './schema/fields';
export { TARGET_KINDS, hardwareTargetSchema } from './schema/target-schema';
export type {
  CpuIsaFeature,
  CpuTarget,
  GpuTarget,
  HardwareTarget,
  McuIsaFeature,
  McuTarget,
  NpuTarget,
  SparsitySupport,
  TargetDefinition,
  TargetKind,
  TargetSource,
} from './schema/target-schema';
