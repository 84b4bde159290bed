/**
 * @edgepress/targets: the hardware target catalog, target validation, compatibility of a model
 * (its ModelSummary) with a target, and a roofline latency/energy estimate.
 */
export { defineTarget } from './define-target';
export type { TargetFieldIssue } from './define-target';
export { getTarget, listTargets } from './catalog/catalog';
export { quantizationRequirements } from './quantization-requirements';
export type { QuantizationRequirements } from './quantization-requirements';
export { checkCompatibility } from './compatibility/check-compatibility';
export type { CompatibilityOptions, CompatibilityReport } from './compatibility/check-compatibility';
export { COMPATIBILITY_ISSUE_CODES } from './compatibility/compatibility-issue';
export type { CompatibilityIssue, CompatibilityIssueCode, IssueSeverity } from './compatibility/compatibility-issue';
export { estimate } from './estimate/estimate';
export type { LayerEstimate, NotEstimatedLayer, RooflineEstimate } from './estimate/estimate';
export { DEFAULT_ROOFLINE_EFFICIENCY } from './estimate/roofline-efficiency';
export type { RooflineEfficiency } from './estimate/roofline-efficiency';
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
