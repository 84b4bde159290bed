import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, JsonObjectScalar, SafeIntScalar } from '../scalars';
import { connectionType } from './page';

@ObjectType('RunConstraints', { description: 'Limits the final model must meet (each optional)' })
export class RunConstraintsType {
  @Field(() => SafeIntScalar, { nullable: true, description: 'File size of the final model, bytes' })
  maxSizeBytes!: number | null;

  @Field(() => Float, { nullable: true, description: 'Task accuracy lost against the baseline, absolute (0.01 = one point)' })
  maxAccuracyDrop!: number | null;

  @Field(() => Float, { nullable: true, description: '1 - mean cosine similarity against the baseline outputs' })
  maxFidelityDrop!: number | null;

  @Field(() => Float, { nullable: true, description: 'Estimated latency on the target, ms' })
  maxEstimatedLatencyMs!: number | null;
}

@ObjectType('PipelineStage')
export class PipelineStageType {
  @Field(() => String, { description: 'Plugin name' })
  plugin!: string;

  @Field(() => String, { description: 'semver range the version was chosen from (* = latest)' })
  versionRange!: string;

  @Field(() => String, { nullable: true, description: 'The exact version (runs pin one; saved pipelines resolve the range at run time)' })
  version!: string | null;

  @Field(() => JsonObjectScalar, { description: 'Params, validated against the plugin version\'s JSON Schema (defaults filled in)' })
  params!: Record<string, unknown>;
}

@ObjectType('InputShape', { description: 'The shape of one model input' })
export class InputShapeType {
  @Field(() => String)
  name!: string;

  @Field(() => [SafeIntScalar])
  dims!: number[];
}

/** A pipeline document; target and datasets: resolvers/pipeline-spec-resolver.ts. */
@ObjectType('PipelineSpec')
export class PipelineSpecType {
  @Field(() => String)
  targetId!: string;

  @Field(() => [PipelineStageType])
  stages!: PipelineStageType[];

  @Field(() => ID, { nullable: true })
  calibrationDatasetId!: string | null;

  @Field(() => ID, { nullable: true })
  evaluationDatasetId!: string | null;

  @Field(() => RunConstraintsType)
  constraints!: RunConstraintsType;

  @Field(() => [InputShapeType], {
    description: 'Input shapes given for inputs with symbolic dimensions (a run without datasets also takes them from the model\'s registered dimensions); empty when the data tells them',
  })
  inputShapes!: InputShapeType[];
}

@ObjectType('Pipeline', { description: 'A saved pipeline: a target and ordered stages, to run on any model' })
export class PipelineType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => PipelineSpecType)
  spec!: PipelineSpecType;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const PipelineConnectionType = connectionType('Pipeline', () => PipelineType);
