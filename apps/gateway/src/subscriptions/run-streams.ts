import type { RunEvent } from '@edgepress/db';
import { FINISHED_RUN_STATES } from '@edgepress/db';
import type { GatewayContext } from '../context';
import type { EventStream } from './event-stream';

/** What the subscription resolvers need from the hub. */
export interface RunEventSource {
  subscribe(teamId: string): EventStream<RunEvent>;
}

/**
 * The events of one stream that pass `accept`, ending after `isLast`; `initial` events come first.
 * return() closes the underlying stream even before the first next().
 */
class FilteredEvents implements AsyncIterableIterator<RunEvent> {
  private finished = false;

  constructor(
    private readonly stream: EventStream<RunEvent>,
    private readonly accept: (event: RunEvent) => boolean,
    private readonly isLast: (event: RunEvent) => boolean,
    private readonly initial: RunEvent[] = [],
  ) {}

  async next(): Promise<IteratorResult<RunEvent>> {
    if (this.finished) return { value: undefined, done: true };
    const first = this.initial.shift();
    const value = first ?? (await this.nextAccepted());
    if (value === undefined) return this.return();
    if (this.isLast(value)) {
      this.finished = true;
      this.stream.close();
    }
    return { value, done: false };
  }

  async return(): Promise<IteratorResult<RunEvent>> {
    this.finished = true;
    this.stream.close();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RunEvent> {
    return this;
  }

  private async nextAccepted(): Promise<RunEvent | undefined> {
    for (;;) {
      const result = await this.stream.next();
      if (result.done) return undefined;
      if (this.accept(result.value)) return result.value;
    }
  }
}

/**
 * Every event of one run of the viewer's team, ending with its run-finished event. The run is
 * looked up in the team first (NOT_FOUND for another team's run); the stream is opened before
 * that lookup so that a run finishing in between is not missed, and a run that has already
 * finished yields one run-finished event with its state.
 */
export async function runProgressEvents(ctx: GatewayContext, source: RunEventSource, runId: string): Promise<AsyncIterableIterator<RunEvent>> {
  const stream = source.subscribe(ctx.viewer.teamId);
  try {
    const run = await ctx.services.db.runs.get(ctx.viewer.teamId, runId);
    const initial: RunEvent[] = FINISHED_RUN_STATES.includes(run.state) ? [{ runId: run.id, teamId: run.teamId, kind: 'run-finished', state: run.state }] : [];
    return new FilteredEvents(stream, (event) => event.runId === run.id, (event) => event.kind === 'run-finished', initial);
  } catch (error) {
    stream.close();
    throw error;
  }
}

/** Lifecycle events (no progress ticks) of the team's runs, or of one run when runId is given. */
export async function runLifecycleEvents(ctx: GatewayContext, source: RunEventSource, runId: string | null): Promise<AsyncIterableIterator<RunEvent>> {
  const stream = source.subscribe(ctx.viewer.teamId);
  try {
    const run = runId ? await ctx.services.db.runs.get(ctx.viewer.teamId, runId) : null;
    return new FilteredEvents(stream, (event) => event.kind !== 'progress' && (run === null || event.runId === run.id), () => false);
  } catch (error) {
    stream.close();
    throw error;
  }
}
