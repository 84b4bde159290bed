import { Field, Float, Int, InterfaceType, ObjectType } from 'type-graphql';
import { PrecisionEnum, TargetKindEnum } from '../enums';
import { DateTimeScalar, JsonObjectScalar, SafeIntScalar } from '../scalars';
import {
  McuKernelsType,
  OffChipWeightStreamingType,
  PrecisionPeakType,
  QuantizationConstraintsType,
  QuantizationRequirementsType,
  RooflineEfficiencyType,
  SparsitySupportType,
  TargetExternalRamType,
  TargetFallbackType,
  TargetFlashType,
  TargetMemoryType,
  TargetPowerType,
  TargetSourceType,
} from './target-parts';

type Precision = (typeof PrecisionEnum)[keyof typeof PrecisionEnum];
type TargetKind = (typeof TargetKindEnum)[keyof typeof TargetKindEnum];

const TYPE_BY_KIND: Record<TargetKind, string> = { cpu: 'CpuTarget', gpu: 'GpuTarget', npu: 'NpuTarget', mcu: 'McuTarget' };

@InterfaceType('HardwareTarget', {
  description: 'A hardware target: a catalog entry (builtin) or one of the team\'s own. Every figure comes with its sources.',
  resolveType: (value: { kind: TargetKind }) => TYPE_BY_KIND[value.kind],
})
export abstract class HardwareTargetType {
  @Field(() => String, { description: 'The target id used everywhere (runs, pipelines): a catalog id or the team target\'s slug' })
  id!: string;

  @Field(() => TargetKindEnum)
  kind!: TargetKind;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  vendor!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Boolean, { description: 'True for catalog targets (read-only); false for the team\'s own' })
  builtin!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Team targets only' })
  createdAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Team targets only' })
  updatedAt!: Date | null;

  @Field(() => [PrecisionEnum], { description: 'Precisions the hardware accelerates' })
  precisions!: Precision[];

  @Field(() => [PrecisionPeakType])
  peakMacsPerSecond!: PrecisionPeakType[];

  @Field(() => TargetMemoryType)
  memory!: TargetMemoryType;

  @Field(() => SparsitySupportType)
  sparsity!: SparsitySupportType;

  @Field(() => TargetPowerType)
  power!: TargetPowerType;

  @Field(() => TargetFallbackType)
  fallback!: TargetFallbackType;

  @Field(() => QuantizationConstraintsType)
  quantization!: QuantizationConstraintsType;

  @Field(() => RooflineEfficiencyType, { nullable: true, description: 'Overrides of the estimate\'s efficiency factors; null: the defaults of the kind' })
  rooflineEfficiency!: RooflineEfficiencyType | null;

  @Field(() => [String])
  runtimeNotes!: string[];

  @Field(() => [TargetSourceType])
  sources!: TargetSourceType[];

  @Field(() => QuantizationRequirementsType)
  quantizationRequirements!: QuantizationRequirementsType;

  @Field(() => JsonObjectScalar, { description: 'The full validated definition, as accepted by createTarget/updateTarget (a starting point for editing)' })
  definition!: Record<string, unknown>;
}

@ObjectType('CpuTarget', { implements: HardwareTargetType })
export class CpuTargetType extends HardwareTargetType {
  @Field(() => String, { description: 'arm64, x86_64 or armv7' })
  architecture!: string;

  @Field(() => Int)
  cores!: number;

  @Field(() => Float)
  clockHz!: number;

  @Field(() => [String], { description: 'ISA features such as neon, dotprod, avx2, avx512-vnni' })
  isaFeatures!: string[];
}

@ObjectType('GpuTarget', { implements: HardwareTargetType })
export class GpuTargetType extends HardwareTargetType {
  @Field(() => String)
  computeCapability!: string;

  @Field(() => Int)
  cores!: number;

  @Field(() => Int)
  tensorCores!: number;

  @Field(() => Boolean)
  sparseTensorCores!: boolean;

  @Field(() => Float)
  clockHz!: number;
}

@ObjectType('NpuTarget', { implements: HardwareTargetType })
export class NpuTargetType extends HardwareTargetType {
  @Field(() => Boolean)
  staticShapesRequired!: boolean;

  @Field(() => [String], { description: 'ONNX op types the NPU runs' })
  supportedOps!: string[];

  @Field(() => String, { description: 'host-fallback or reject' })
  unsupportedOps!: string;

  @Field(() => Int, { nullable: true })
  maxTensorRank!: number | null;

  @Field(() => PrecisionEnum, { nullable: true })
  fp32ExecutedAs!: Precision | null;

  @Field(() => OffChipWeightStreamingType, { nullable: true })
  offChipWeightStreaming!: OffChipWeightStreamingType | null;
}

@ObjectType('McuTarget', { implements: HardwareTargetType })
export class McuTargetType extends HardwareTargetType {
  @Field(() => String)
  core!: string;

  @Field(() => Float)
  clockHz!: number;

  @Field(() => TargetFlashType)
  flash!: TargetFlashType;

  @Field(() => TargetExternalRamType, { nullable: true })
  externalRam!: TargetExternalRamType | null;

  @Field(() => SafeIntScalar)
  largestContiguousSramBytes!: number;

  @Field(() => String, { description: 'none, sp or dp' })
  fpu!: string;

  @Field(() => [String])
  isaFeatures!: string[];

  @Field(() => McuKernelsType)
  kernels!: McuKernelsType;

  @Field(() => Boolean)
  staticShapesRequired!: boolean;
}

/** Every implementation, for buildSchema's orphanedTypes (they are reached only through the interface). */
export const HARDWARE_TARGET_IMPLEMENTATIONS = [CpuTargetType, GpuTargetType, NpuTargetType, McuTargetType];
