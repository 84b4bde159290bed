import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RunStateEnum } from '../enums';
import { DateTimeScalar } from '../scalars';
import { connectionType } from './page';
import { RunErrorType } from './run-error';

/** A run; model, target, spec, pipeline, stages, artifacts, report, rerunOf: resolvers/run-resolver.ts. */
@ObjectType('Run')
export class RunType {
  @Field(() => ID)
  id!: string;

  @Field(() => RunStateEnum)
  state!: string;

  @Field(() => Float, { description: 'Progress 0..1' })
  progress!: number;

  @Field(() => String, { description: 'What the worker is doing now' })
  message!: string;

  @Field(() => RunErrorType, { nullable: true })
  error!: RunErrorType | null;

  @Field(() => Int, { description: 'How many times a worker has started this run' })
  attempt!: number;

  @Field(() => String, { description: 'Catalog target id or team target slug' })
  targetId!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  cancelRequestedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;
}

export const RunConnectionType = connectionType('Run', () => RunType);
