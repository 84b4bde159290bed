import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PrecisionEnum } from '../enums';
import { SafeIntScalar } from '../scalars';

/** The parts of a hardware target definition (libs/targets' schema), one GraphQL type each. */

type Precision = (typeof PrecisionEnum)[keyof typeof PrecisionEnum];

@ObjectType('PrecisionPeak', { description: 'Peak multiply-accumulates per second at one precision (MAC/s, never ops/s)' })
export class PrecisionPeakType {
  @Field(() => PrecisionEnum)
  precision!: Precision;

  @Field(() => Float)
  macsPerSecond!: number;
}

@ObjectType('TargetMemory', { description: 'Working memory that weights and activations share (DRAM, unified memory, or an MCU\'s SRAM)' })
export class TargetMemoryType {
  @Field(() => SafeIntScalar)
  ramBytes!: number;

  @Field(() => Float, { description: 'Theoretical peak bandwidth, bytes/s' })
  bandwidthBytesPerSecond!: number;
}

@ObjectType('StructuredSparsity', { description: 'An N:M pattern the hardware accelerates (N non-zeros in every M weights)' })
export class StructuredSparsityType {
  @Field(() => Int)
  n!: number;

  @Field(() => Int)
  m!: number;

  @Field(() => Float)
  speedup!: number;

  @Field(() => [PrecisionEnum])
  precisions!: Precision[];
}

@ObjectType('UnstructuredSparsity')
export class UnstructuredSparsityType {
  @Field(() => Float)
  speedup!: number;

  @Field(() => Float, { description: 'Sparsity from which the speed-up applies, in (0, 1]' })
  minSparsity!: number;
}

@ObjectType('SparsitySupport')
export class SparsitySupportType {
  @Field(() => [StructuredSparsityType])
  structured!: StructuredSparsityType[];

  @Field(() => UnstructuredSparsityType, { nullable: true, description: 'null when unstructured sparsity only saves storage' })
  unstructured!: UnstructuredSparsityType | null;
}

@ObjectType('TargetPower')
export class TargetPowerType {
  @Field(() => Float)
  activeWatts!: number;

  @Field(() => Float)
  idleWatts!: number;
}

@ObjectType('TargetFallback', { description: 'How a layer at a precision the target does not accelerate runs' })
export class TargetFallbackType {
  @Field(() => Float)
  macsPerSecond!: number;

  @Field(() => String)
  description!: string;
}

@ObjectType('QuantizationConstraints')
export class QuantizationConstraintsType {
  @Field(() => Boolean, { description: 'One scale per tensor only (no per-channel weight scales)' })
  perTensorOnly!: boolean;

  @Field(() => Boolean, { description: 'Weight zero points must be 0' })
  symmetricWeights!: boolean;
}

@ObjectType('RooflineEfficiency', { description: 'Fractions of peak compute and bandwidth that real kernels reach' })
export class RooflineEfficiencyType {
  @Field(() => Float)
  compute!: number;

  @Field(() => Float)
  memory!: number;
}

@ObjectType('TargetSource', { description: 'Where a target\'s figures come from (spec sheet, manual); entries are numbered [n] in the title' })
export class TargetSourceType {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;
}

@ObjectType('TargetFlash')
export class TargetFlashType {
  @Field(() => SafeIntScalar)
  bytes!: number;

  @Field(() => Float)
  readBandwidthBytesPerSecond!: number;
}

@ObjectType('TargetExternalRam')
export class TargetExternalRamType {
  @Field(() => SafeIntScalar)
  bytes!: number;

  @Field(() => Float)
  bandwidthBytesPerSecond!: number;
}

@ObjectType('McuKernels')
export class McuKernelsType {
  @Field(() => String, { description: 'The inference library, e.g. TFLite Micro + CMSIS-NN' })
  library!: string;

  @Field(() => [String], { description: 'ONNX op types that have a kernel' })
  supportedOps!: string[];

  @Field(() => [String], { description: 'The subset with an optimized (SIMD) kernel' })
  optimizedOps!: string[];
}

@ObjectType('OffChipWeightStreaming')
export class OffChipWeightStreamingType {
  @Field(() => String)
  link!: string;

  @Field(() => Float)
  bandwidthBytesPerSecond!: number;
}

@ObjectType('QuantizationRequirements', { description: 'What a quantization stage must honour on this target (derived by libs/targets)' })
export class QuantizationRequirementsType {
  @Field(() => Boolean)
  perTensorOnly!: boolean;

  @Field(() => Boolean, { description: '7-bit weights: x86 without VNNI saturates int16 intermediates' })
  reduceRange!: boolean;

  @Field(() => Boolean)
  symmetricWeights!: boolean;

  @Field(() => Boolean)
  staticShapes!: boolean;

  @Field(() => [PrecisionEnum])
  allowedPrecisions!: Precision[];

  @Field(() => Boolean, { description: 'No floating-point precision is accelerated: the whole model must be quantized' })
  requiresQuantization!: boolean;
}
