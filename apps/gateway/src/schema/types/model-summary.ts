import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LayerPrecisionEnum } from '../enums';
import { SafeIntScalar } from '../scalars';

/** libs/onnx's ModelSummary, with its maps turned into lists the console can chart. */

@ObjectType('OpsetVersion')
export class OpsetVersionType {
  @Field(() => String, { description: "'' is the default ONNX domain" })
  domain!: string;

  @Field(() => Int)
  version!: number;
}

@ObjectType('OperatorCount', { description: 'One row of the operator histogram' })
export class OperatorCountType {
  @Field(() => String, { description: 'Op type, prefixed with its domain outside the default one (com.microsoft.MatMulNBits)' })
  opType!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ElementTypeBytes')
export class ElementTypeBytesType {
  @Field(() => String, { description: 'ONNX element type name: float, float16, int8, ...' })
  elemType!: string;

  @Field(() => SafeIntScalar)
  bytes!: number;

  @Field(() => SafeIntScalar)
  parameters!: number;
}

@ObjectType('Dimension', { description: 'A tensor dimension: a size, a symbolic name, or neither (unknown)' })
export class DimensionType {
  @Field(() => SafeIntScalar, { nullable: true })
  size!: number | null;

  @Field(() => String, { nullable: true })
  symbol!: string | null;
}

@ObjectType('ValueInfo', { description: 'A graph input or output' })
export class ValueInfoType {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  elemType!: string;

  @Field(() => [DimensionType], { nullable: true, description: 'null when the rank is unknown' })
  shape!: DimensionType[] | null;
}

@ObjectType('PrecisionCount', { description: 'How many layers run at a precision' })
export class PrecisionCountType {
  @Field(() => LayerPrecisionEnum)
  precision!: string;

  @Field(() => Int)
  layers!: number;
}

@ObjectType('ModelSummary', { description: 'What a model contains and costs (libs/onnx summarizeModel)' })
export class ModelSummaryType {
  @Field(() => Int)
  irVersion!: number;

  @Field(() => String)
  producer!: string;

  @Field(() => [OpsetVersionType])
  opsets!: OpsetVersionType[];

  @Field(() => [OperatorCountType], { description: 'Operator histogram, most frequent first' })
  operators!: OperatorCountType[];

  @Field(() => Int)
  nodeCount!: number;

  @Field(() => SafeIntScalar, { description: 'Weight parameters (initializers, sparse initializers, Constant tensors)' })
  parameters!: number;

  @Field(() => SafeIntScalar)
  nonZeroParameters!: number;

  @Field(() => SafeIntScalar)
  weightBytes!: number;

  @Field(() => [ElementTypeBytesType], { description: 'Weight bytes and parameters by element type, largest first' })
  weightsByType!: ElementTypeBytesType[];

  @Field(() => [ValueInfoType])
  inputs!: ValueInfoType[];

  @Field(() => [ValueInfoType])
  outputs!: ValueInfoType[];

  @Field(() => Float, { description: 'Multiply-accumulates per inference of the layers whose shapes are known' })
  macs!: number;

  @Field(() => Boolean, { description: 'False when some MAC-bearing layer had unknown shapes' })
  macsComplete!: boolean;

  @Field(() => SafeIntScalar, { nullable: true })
  peakActivationBytes!: number | null;

  @Field(() => Boolean)
  dynamicShapes!: boolean;

  @Field(() => Int)
  layerCount!: number;

  @Field(() => [PrecisionCountType], { description: 'Layers by the precision they run at' })
  layersByPrecision!: PrecisionCountType[];
}
