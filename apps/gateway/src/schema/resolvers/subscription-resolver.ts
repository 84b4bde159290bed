import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RunEvent } from '@edgepress/db';
import type { GatewayContext } from '../../context';
import { runLifecycleEvents, runProgressEvents } from '../../subscriptions/run-streams';
import { RunStateEnum } from '../enums';
import { RunType } from '../types/run';
import { RunEventType } from '../types/run-event';
import { StageType } from '../types/stage';

const RUN_STATES: readonly string[] = Object.values(RunStateEnum);

function toEventView(event: RunEvent) {
  return {
    runId: event.runId,
    kind: event.kind,
    fraction: event.fraction ?? null,
    message: event.message ?? null,
    stageIndex: event.stageIndex ?? null,
    state: event.state !== undefined && RUN_STATES.includes(event.state) ? event.state : null,
  };
}

interface SubscribeData {
  args: { runId?: string | null };
  context: GatewayContext;
}

@Resolver(() => RunEventType)
export class SubscriptionResolver {
  @Subscription(() => RunEventType, {
    description: 'Every event of one run (progress, stage started/completed), ending with RUN_FINISHED; a finished run yields its RUN_FINISHED at once',
    subscribe: ({ args, context }: SubscribeData) => runProgressEvents(context, context.services.events, args.runId ?? ''),
  })
  runProgress(@Root() event: RunEvent, @Arg('runId', () => ID) _runId: string): unknown {
    return toEventView(event);
  }

  @Subscription(() => RunEventType, {
    description: 'Stage started/completed and run finished events of the team\'s runs (or of one run)',
    subscribe: ({ args, context }: SubscribeData) => runLifecycleEvents(context, context.services.events, args.runId ?? null),
  })
  runEvents(@Root() event: RunEvent, @Arg('runId', () => ID, { nullable: true }) _runId: string | null): unknown {
    return toEventView(event);
  }

  @FieldResolver(() => RunType, { description: 'The run as it is now' })
  async run(@Root() event: { runId: string }, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return ctx.services.db.runs.get(ctx.viewer.teamId, event.runId);
  }

  @FieldResolver(() => StageType, { nullable: true, description: 'The stage the event is about, as it is now' })
  async stage(@Root() event: { runId: string; stageIndex: number | null }, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return event.stageIndex === null ? null : ctx.services.db.stages.get(ctx.viewer.teamId, event.runId, event.stageIndex);
  }
}
