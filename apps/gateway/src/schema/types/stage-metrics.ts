import { Field, Float, Int, ObjectType } from 'type-graphql';
import { JsonObjectScalar, SafeIntScalar } from '../scalars';

/** What the worker measured after a stage (libs/pipeline measureModel), as stored in stages.metrics. */

@ObjectType('LatencyMeasurement', { description: 'ONNX Runtime on the host that ran the stage (not on the target)' })
export class LatencyMeasurementType {
  @Field(() => Float)
  medianMs!: number;

  @Field(() => Float)
  p90Ms!: number;

  @Field(() => Float)
  minMs!: number;

  @Field(() => Float)
  meanMs!: number;

  @Field(() => Int)
  runs!: number;

  @Field(() => String, { nullable: true, description: 'CPU model of the measuring host' })
  hostCpu!: string | null;
}

@ObjectType('EstimateIssue')
export class EstimateIssueType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  severity!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType('StageEstimate', { description: 'libs/targets\' roofline estimate and compatibility of the stage\'s model on the run\'s target' })
export class StageEstimateType {
  @Field(() => String)
  targetId!: string;

  @Field(() => Float)
  latencyMs!: number;

  @Field(() => Float)
  energyMj!: number;

  @Field(() => Boolean)
  complete!: boolean;

  @Field(() => Boolean)
  compatible!: boolean;

  @Field(() => Boolean)
  fits!: boolean;

  @Field(() => [EstimateIssueType])
  issues!: EstimateIssueType[];
}

@ObjectType('OutputFidelity')
export class OutputFidelityType {
  @Field(() => String)
  output!: string;

  @Field(() => Float)
  cosine!: number;

  @Field(() => Float)
  top1Agreement!: number;

  @Field(() => Float, { nullable: true, description: 'null when infinite (identical outputs); see sqnrInfinite' })
  sqnrDb!: number | null;

  @Field(() => Boolean)
  sqnrInfinite!: boolean;
}

@ObjectType('Fidelity', { description: 'Outputs against the baseline model\'s outputs on the evaluation data' })
export class FidelityType {
  @Field(() => Float, { description: 'Mean cosine similarity' })
  cosine!: number;

  @Field(() => Float, { description: 'Share of positions whose top-1 class agrees' })
  top1Agreement!: number;

  @Field(() => Float, { nullable: true, description: 'Signal-to-quantization-noise ratio in dB; null when infinite or minus infinite (see sqnrInfinite)' })
  sqnrDb!: number | null;

  @Field(() => Boolean, { description: 'True when the outputs are identical (SQNR is +Infinity)' })
  sqnrInfinite!: boolean;

  @Field(() => Float, { nullable: true })
  maxAbsError!: number | null;

  @Field(() => Float, { nullable: true })
  meanAbsError!: number | null;

  @Field(() => [OutputFidelityType])
  outputs!: OutputFidelityType[];
}

@ObjectType('NamedFigure')
export class NamedFigureType {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType('ClassAccuracy')
export class ClassAccuracyType {
  @Field(() => Int)
  label!: number;

  @Field(() => Int)
  samples!: number;

  @Field(() => Int)
  correct!: number;

  @Field(() => Float)
  accuracy!: number;
}

@ObjectType('ClassAccuracyDelta', { description: 'A class\'s accuracy change against the baseline (negative: it got worse)' })
export class ClassAccuracyDeltaType {
  @Field(() => Int)
  label!: number;

  @Field(() => Int)
  samples!: number;

  @Field(() => Float)
  baselineAccuracy!: number;

  @Field(() => Float)
  accuracy!: number;

  @Field(() => Float)
  delta!: number;
}

@ObjectType('Accuracy', { description: 'The task metric on the evaluation data' })
export class AccuracyType {
  @Field(() => String, { description: 'top1-accuracy, ctc-character-accuracy, ...' })
  metric!: string;

  @Field(() => Float, { description: 'In [0, 1], higher is better' })
  value!: number;

  @Field(() => Int)
  samples!: number;

  @Field(() => Float, { nullable: true, description: 'value - the baseline\'s value' })
  deltaVsBaseline!: number | null;

  @Field(() => [NamedFigureType])
  figures!: NamedFigureType[];

  @Field(() => [ClassAccuracyType])
  perClass!: ClassAccuracyType[];

  @Field(() => [ClassAccuracyDeltaType], { description: 'Worst first' })
  perClassDeltas!: ClassAccuracyDeltaType[];
}

@ObjectType('StageMetrics')
export class StageMetricsType {
  @Field(() => SafeIntScalar, { nullable: true })
  sizeBytes!: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: 'Size after gzip -9 (what an over-the-air update costs)' })
  gzipBytes!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  parameters!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  nonZeros!: number | null;

  @Field(() => Float, { nullable: true, description: '1 - nonZeros / parameters' })
  sparsity!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  weightBytes!: number | null;

  @Field(() => Float, { nullable: true, description: 'Stored weight bits per parameter (32 for fp32, about 8 for int8 with scales)' })
  bitsPerWeight!: number | null;

  @Field(() => LatencyMeasurementType, { nullable: true })
  latency!: LatencyMeasurementType | null;

  @Field(() => StageEstimateType, { nullable: true })
  estimate!: StageEstimateType | null;

  @Field(() => FidelityType, { nullable: true })
  fidelity!: FidelityType | null;

  @Field(() => AccuracyType, { nullable: true })
  accuracy!: AccuracyType | null;

  @Field(() => Int, { nullable: true })
  evaluatedSamples!: number | null;

  @Field(() => JsonObjectScalar, { description: 'The metrics document as the worker stored it' })
  raw!: Record<string, unknown>;
}
