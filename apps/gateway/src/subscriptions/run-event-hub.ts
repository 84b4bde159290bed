/**
 * One LISTEN connection per gateway (libs/db subscribeRunEvents) fanned out to GraphQL
 * subscriptions. Events are routed by team id: a subscriber only ever receives its own team's
 * events (the run id filter comes on top, in the resolver). Events published while the listening
 * connection reconnects are lost; subscribers get the run's current state from queries.
 * Tests: test/subscriptions.test.ts.
 */
import { subscribeRunEvents, type RunEvent, type RunEventSubscription } from '@edgepress/db';
import { EventStream } from './event-stream';

const SUBSCRIBER_BUFFER = 256;

export interface RunEventHubOptions {
  /** Every event, before fan-out (metrics). */
  onEvent?: (event: RunEvent) => void;
  onError?: (error: unknown) => void;
  onReconnect?: () => void;
}

export class RunEventHub {
  private readonly byTeam = new Map<string, Set<EventStream<RunEvent>>>();
  private readonly subscription: RunEventSubscription;

  constructor(databaseUrl: string, private readonly options: RunEventHubOptions = {}) {
    this.subscription = subscribeRunEvents(databaseUrl, (event) => this.dispatch(event), { onError: options.onError, onReconnect: options.onReconnect });
  }

  /** Resolves once the LISTEN is in place. */
  get ready(): Promise<void> {
    return this.subscription.ready;
  }

  /** The team's events from now on, until the returned stream is closed. */
  subscribe(teamId: string): EventStream<RunEvent> {
    const streams = this.byTeam.get(teamId) ?? new Set<EventStream<RunEvent>>();
    this.byTeam.set(teamId, streams);
    const stream: EventStream<RunEvent> = new EventStream<RunEvent>(SUBSCRIBER_BUFFER, () => {
      streams.delete(stream);
      if (streams.size === 0 && this.byTeam.get(teamId) === streams) this.byTeam.delete(teamId);
    });
    streams.add(stream);
    return stream;
  }

  /** Open subscriber streams (metrics, tests). */
  get subscriberCount(): number {
    let count = 0;
    for (const streams of this.byTeam.values()) count += streams.size;
    return count;
  }

  async close(): Promise<void> {
    for (const streams of this.byTeam.values()) for (const stream of [...streams]) stream.close();
    await this.subscription.close();
  }

  private dispatch(event: RunEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      this.options.onError?.(error);
    }
    for (const stream of this.byTeam.get(event.teamId) ?? []) stream.push(event);
  }
}
