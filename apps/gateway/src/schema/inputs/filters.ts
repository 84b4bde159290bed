import { Field, ID, InputType } from 'type-graphql';
import { DatasetPurposeEnum, PrecisionEnum, RunStateEnum, TargetKindEnum } from '../enums';
import { SafeIntScalar } from '../scalars';

@InputType('TargetFilter')
export class TargetFilterInput {
  @Field(() => TargetKindEnum, { nullable: true })
  kind?: (typeof TargetKindEnum)[keyof typeof TargetKindEnum] | null;

  @Field(() => PrecisionEnum, { nullable: true, description: 'Targets that accelerate this precision' })
  precision?: (typeof PrecisionEnum)[keyof typeof PrecisionEnum] | null;

  @Field(() => SafeIntScalar, { nullable: true, description: 'At least this much working memory (memory.ramBytes)' })
  minMemoryBytes?: number | null;

  @Field(() => String, { nullable: true, description: 'Matches id, name or vendor (case-insensitive)' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: catalog only; false: the team\'s own only' })
  builtin?: boolean | null;
}

@InputType('ModelFilter')
export class ModelFilterInput {
  @Field(() => String, { nullable: true, description: 'Matches the name (case-insensitive)' })
  name?: string | null;
}

@InputType('DatasetFilter')
export class DatasetFilterInput {
  @Field(() => DatasetPurposeEnum, { nullable: true })
  purpose?: (typeof DatasetPurposeEnum)[keyof typeof DatasetPurposeEnum] | null;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType('PluginFilter')
export class PluginFilterInput {
  @Field(() => String, { nullable: true, description: 'Matches name or description' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true })
  builtin?: boolean | null;
}

@InputType('PipelineFilter')
export class PipelineFilterInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType('RunFilter')
export class RunFilterInput {
  @Field(() => [RunStateEnum], { nullable: true, description: 'Any of these states' })
  states?: (typeof RunStateEnum)[keyof typeof RunStateEnum][] | null;

  @Field(() => String, { nullable: true })
  targetId?: string | null;

  @Field(() => ID, { nullable: true })
  modelId?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches the model\'s name' })
  modelName?: string | null;
}
