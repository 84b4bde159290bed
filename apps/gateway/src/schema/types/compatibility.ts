import { Field, Float, Int, ObjectType } from 'type-graphql';
import { IssueSeverityEnum, LayerPrecisionEnum, PrecisionEnum } from '../enums';
import { SafeIntScalar } from '../scalars';
import { HardwareTargetType } from './hardware-target';
import { QuantizationRequirementsType, RooflineEfficiencyType } from './target-parts';

/** libs/targets' compatibility report and roofline estimate of a model on a target. */

@ObjectType('CompatibilityIssue')
export class CompatibilityIssueType {
  @Field(() => String, { description: 'Stable code: EXCEEDS_RAM, UNSUPPORTED_OP, REQUIRES_INT8, ... (match on it, never on the message)' })
  code!: string;

  @Field(() => IssueSeverityEnum)
  severity!: string;

  @Field(() => String)
  message!: string;

  @Field(() => SafeIntScalar, { nullable: true })
  requiredBytes!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  availableBytes!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  excessBytes!: number | null;

  @Field(() => Float, { nullable: true })
  ratio!: number | null;

  @Field(() => String, { nullable: true })
  opType!: string | null;

  @Field(() => Int, { nullable: true })
  nodeCount!: number | null;

  @Field(() => LayerPrecisionEnum, { nullable: true })
  precision!: string | null;

  @Field(() => Int, { nullable: true })
  layerCount!: number | null;

  @Field(() => PrecisionEnum, { nullable: true })
  executedAs!: string | null;

  @Field(() => [String], { nullable: true })
  tensors!: string[] | null;
}

@ObjectType('CompatibilityReport')
export class CompatibilityReportType {
  @Field(() => HardwareTargetType)
  target!: HardwareTargetType;

  @Field(() => Boolean, { description: 'Weights and activations fit the target\'s memory' })
  fits!: boolean;

  @Field(() => Boolean, { description: 'No error at all: it fits and every operator, precision and shape can run as it is' })
  compatible!: boolean;

  @Field(() => [CompatibilityIssueType], { description: 'Errors first, then warnings, then information' })
  issues!: CompatibilityIssueType[];

  @Field(() => QuantizationRequirementsType)
  requiredScheme!: QuantizationRequirementsType;
}

@ObjectType('LayerEstimate')
export class LayerEstimateType {
  @Field(() => String)
  node!: string;

  @Field(() => String)
  opType!: string;

  @Field(() => LayerPrecisionEnum)
  precision!: string;

  @Field(() => PrecisionEnum, { nullable: true, description: 'The accelerated precision it runs at; null on the fallback path' })
  executedAs!: string | null;

  @Field(() => String, { description: 'native, converted or fallback' })
  path!: string;

  @Field(() => Float)
  macs!: number;

  @Field(() => Float)
  bytesMoved!: number;

  @Field(() => Float)
  latencyMs!: number;

  @Field(() => String, { description: 'compute or memory' })
  bound!: string;
}

@ObjectType('NotEstimatedLayer')
export class NotEstimatedLayerType {
  @Field(() => String)
  node!: string;

  @Field(() => String)
  opType!: string;

  @Field(() => String)
  reason!: string;
}

@ObjectType('RooflineEstimate', { description: 'A roofline model of the target, not a measurement' })
export class RooflineEstimateType {
  @Field(() => HardwareTargetType)
  target!: HardwareTargetType;

  @Field(() => Float, { description: 'Per inference; a lower bound when complete is false' })
  latencyMs!: number;

  @Field(() => Float, { description: 'latencyMs x active power (mJ)' })
  energyMj!: number;

  @Field(() => Boolean)
  complete!: boolean;

  @Field(() => Int)
  computeBoundLayers!: number;

  @Field(() => Int)
  memoryBoundLayers!: number;

  @Field(() => [LayerEstimateType])
  perLayer!: LayerEstimateType[];

  @Field(() => [NotEstimatedLayerType])
  notEstimated!: NotEstimatedLayerType[];

  @Field(() => RooflineEfficiencyType)
  efficiency!: RooflineEfficiencyType;

  @Field(() => [String])
  assumptions!: string[];
}

@ObjectType('TargetCompatibility', { description: 'One cell row of a model\'s compatibility matrix: the model on one target' })
export class TargetCompatibilityType {
  @Field(() => HardwareTargetType)
  target!: HardwareTargetType;

  @Field(() => Boolean)
  fits!: boolean;

  @Field(() => Boolean)
  compatible!: boolean;

  @Field(() => Boolean, { description: 'The target accelerates no floating-point precision, or an issue asks for int8' })
  needsInt8!: boolean;

  @Field(() => [String], { description: 'Op types the target cannot run' })
  unsupportedOps!: string[];

  @Field(() => Int)
  errorCount!: number;

  @Field(() => Int)
  warningCount!: number;

  @Field(() => [CompatibilityIssueType])
  issues!: CompatibilityIssueType[];

  @Field(() => Float, { description: 'Roofline latency per inference (ms); a lower bound when estimateComplete is false' })
  estimatedLatencyMs!: number;

  @Field(() => Float)
  estimatedEnergyMj!: number;

  @Field(() => Boolean)
  estimateComplete!: boolean;
}
