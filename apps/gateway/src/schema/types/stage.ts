import { Field, ID, Int, ObjectType } from 'type-graphql';
import { StageStateEnum } from '../enums';
import { DateTimeScalar, JsonObjectScalar } from '../scalars';
import { RunErrorType } from './run-error';

/** One stage of a run; metrics, plugin, artifact and durationMs: resolvers/stage-resolver.ts. */
@ObjectType('Stage')
export class StageType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  runId!: string;

  @Field(() => Int)
  index!: number;

  @Field(() => String)
  pluginName!: string;

  @Field(() => String, { description: 'The exact version the run pinned' })
  pluginVersion!: string;

  @Field(() => JsonObjectScalar)
  params!: Record<string, unknown>;

  @Field(() => StageStateEnum)
  state!: string;

  @Field(() => Int, { description: 'How many times a worker started this stage' })
  attempt!: number;

  @Field(() => String, { description: 'The end of the stage\'s log (at most 64 KiB)' })
  logExcerpt!: string;

  @Field(() => RunErrorType, { nullable: true })
  error!: RunErrorType | null;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;
}
