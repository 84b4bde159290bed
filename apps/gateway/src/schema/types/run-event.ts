import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RunEventKindEnum, RunStateEnum } from '../enums';

/** A run event from the workers (PostgreSQL NOTIFY); run and stage: resolvers/subscription-resolver.ts. */
@ObjectType('RunEvent')
export class RunEventType {
  @Field(() => ID)
  runId!: string;

  @Field(() => RunEventKindEnum)
  kind!: string;

  @Field(() => Float, { nullable: true, description: 'Run progress 0..1 (PROGRESS events)' })
  fraction!: number | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => Int, { nullable: true, description: 'The stage (STAGE_STARTED, STAGE_COMPLETED)' })
  stageIndex!: number | null;

  @Field(() => RunStateEnum, { nullable: true, description: 'The run\'s state after the event (RUN_FINISHED)' })
  state!: string | null;
}
