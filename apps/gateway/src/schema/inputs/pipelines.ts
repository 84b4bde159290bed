import { Field, Float, ID, InputType } from 'type-graphql';
import { JsonObjectScalar, SafeIntScalar } from '../scalars';

@InputType('StageInput')
export class StageInput {
  @Field(() => String, { description: 'Plugin name (built-in or the team\'s own)' })
  plugin!: string;

  @Field(() => String, { nullable: true, description: 'semver range; default: the latest version that is not yanked' })
  versionRange?: string | null;

  @Field(() => JsonObjectScalar, { nullable: true, description: 'Params, checked against the plugin version\'s JSON Schema' })
  params?: Record<string, unknown> | null;
}

@InputType('ConstraintsInput')
export class ConstraintsInput {
  @Field(() => SafeIntScalar, { nullable: true })
  maxSizeBytes?: number | null;

  @Field(() => Float, { nullable: true })
  maxAccuracyDrop?: number | null;

  @Field(() => Float, { nullable: true })
  maxFidelityDrop?: number | null;

  @Field(() => Float, { nullable: true })
  maxEstimatedLatencyMs?: number | null;
}

@InputType('InputShapeInput', { description: 'The shape of one model input, every dimension a size' })
export class InputShapeInput {
  @Field(() => String, { description: 'A graph input of the model' })
  name!: string;

  @Field(() => [SafeIntScalar], { description: 'Sizes, outermost first (e.g. [1, 3, 48, 192]); the declared rank and fixed sizes must match' })
  dims!: number[];
}

@InputType('PipelineSpecInput')
export class PipelineSpecInput {
  @Field(() => String, { description: 'Catalog target id or team target slug' })
  targetId!: string;

  @Field(() => [StageInput])
  stages!: StageInput[];

  @Field(() => ID, { nullable: true })
  calibrationDatasetId?: string | null;

  @Field(() => ID, { nullable: true })
  evaluationDatasetId?: string | null;

  @Field(() => ConstraintsInput, { nullable: true })
  constraints?: ConstraintsInput | null;

  @Field(() => [InputShapeInput], {
    nullable: true,
    description:
      'Shapes the model is measured and calibrated at when no dataset tells them (inputs with symbolic dimensions). Default for a run without datasets: the dimension values the model was registered with',
  })
  inputShapes?: InputShapeInput[] | null;
}

@InputType('SavePipelineInput')
export class SavePipelineInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => PipelineSpecInput)
  spec!: PipelineSpecInput;
}

@InputType('UpdatePipelineInput')
export class UpdatePipelineInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => PipelineSpecInput, { nullable: true })
  spec?: PipelineSpecInput | null;
}

@InputType('CreateRunInput', { description: 'Either pipelineId (a saved pipeline) or spec (target and stages), not both' })
export class CreateRunInput {
  @Field(() => ID)
  modelId!: string;

  @Field(() => ID, { nullable: true })
  pipelineId?: string | null;

  @Field(() => PipelineSpecInput, { nullable: true })
  spec?: PipelineSpecInput | null;
}
