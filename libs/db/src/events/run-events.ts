import { Client } from 'pg';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { query, type Queryable } from '../sql/query';
import { isUuid } from '../sql/validate';

/**
 * Run progress over PostgreSQL LISTEN/NOTIFY, one channel for all runs: workers publish, each
 * gateway holds one subscription and fans events out to GraphQL subscriptions (filtering by team).
 * NOTIFY is delivered on commit, so an event published in a transaction with a state change is
 * never seen before that change. Events are best-effort: while a subscriber reconnects, events are
 * lost, and onReconnect tells it to re-read state from the database.
 */

export const RUN_EVENTS_CHANNEL = 'edgepress_run_events';
export const RUN_EVENT_KINDS = ['progress', 'stage-started', 'stage-completed', 'run-finished'] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];

export interface RunEvent {
  runId: string;
  teamId: string;
  kind: RunEventKind;
  /** Run progress, 0..1. */
  fraction?: number;
  message?: string;
  stageIndex?: number;
  /** The run's state after the event (e.g. on run-finished). */
  state?: string;
}

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; the message is cut to stay clear of it.
const MAX_PAYLOAD_BYTES = 7900;
const MAX_MESSAGE_CHARS = 1000;

function validEvent(value: unknown): value is RunEvent {
  const event = value as Partial<RunEvent> | null;
  return (
    typeof event === 'object' &&
    event !== null &&
    isUuid(event.runId) &&
    isUuid(event.teamId) &&
    (RUN_EVENT_KINDS as readonly unknown[]).includes(event.kind) &&
    (event.fraction === undefined || (typeof event.fraction === 'number' && event.fraction >= 0 && event.fraction <= 1)) &&
    (event.message === undefined || typeof event.message === 'string') &&
    (event.stageIndex === undefined || (Number.isInteger(event.stageIndex) && event.stageIndex >= 0)) &&
    (event.state === undefined || (typeof event.state === 'string' && event.state.length <= 20))
  );
}

function serialise(event: RunEvent): string {
  const compact: RunEvent = { runId: event.runId, teamId: event.teamId, kind: event.kind };
  if (event.fraction !== undefined) compact.fraction = event.fraction;
  if (event.stageIndex !== undefined) compact.stageIndex = event.stageIndex;
  if (event.state !== undefined) compact.state = event.state;
  let message = event.message?.slice(0, MAX_MESSAGE_CHARS);
  for (;;) {
    const payload = JSON.stringify(message === undefined ? compact : { ...compact, message });
    if (Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES || message === undefined) return payload;
    message = message.slice(0, Math.floor(message.length / 2));
  }
}

/** Publishes an event; inside a transaction (db = its client) it goes out on commit. */
export async function publishRunEvent(db: Queryable, event: RunEvent): Promise<void> {
  if (!validEvent(event)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a run event with run and team ids and a kind among ${RUN_EVENT_KINDS.join(', ')}`);
  }
  await query(db, 'SELECT pg_notify($1, $2)', [RUN_EVENTS_CHANNEL, serialise(event)]);
}

export interface RunEventSubscription {
  /** Resolves once the first LISTEN is in place. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Called after a lost connection was re-established: events in between were missed. */
  onReconnect?: () => void;
  /** Connection problems and malformed payloads (the subscription keeps going). */
  onError?: (error: unknown) => void;
  /** How often the idle connection is probed, so that a silently dropped one is noticed (default 15 s). */
  heartbeatMs?: number;
}

/**
 * Listens on a dedicated connection (LISTEN cannot share a pooled one) and reconnects with
 * backoff (0.1 s doubling to 5 s) whenever it is lost.
 */
export function subscribeRunEvents(databaseUrl: string, listener: (event: RunEvent) => void, options: SubscribeOptions = {}): RunEventSubscription {
  const onError = options.onError ?? (() => undefined);
  let closed = false;
  let client: Client | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delayMs = 100;
  let connectedOnce = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const dropConnection = (current: Client) => {
    if (client !== current) return;
    client = undefined;
    clearInterval(heartbeat);
    current.removeAllListeners('notification');
    current.on('error', () => undefined);
    current.end().catch(() => undefined);
    if (!closed) {
      retryTimer = setTimeout(connect, delayMs);
      delayMs = Math.min(delayMs * 2, 5000);
    }
  };

  const connect = async () => {
    const current = new Client({ connectionString: databaseUrl, application_name: 'edgepress-run-events', keepAlive: true, connectionTimeoutMillis: 10_000 });
    client = current;
    current.on('error', (error) => {
      onError(error);
      dropConnection(current);
    });
    current.on('end', () => dropConnection(current));
    current.on('notification', (notification) => {
      if (notification.channel !== RUN_EVENTS_CHANNEL || notification.payload === undefined) return;
      let event: unknown;
      try {
        event = JSON.parse(notification.payload);
      } catch (error) {
        onError(error);
        return;
      }
      if (validEvent(event)) listener(event);
      else onError(new Error('Ignored a malformed run event'));
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
    } catch (error) {
      onError(error);
      dropConnection(current);
      return;
    }
    if (closed || client !== current) return;
    delayMs = 100;
    heartbeat = setInterval(() => {
      current.query('SELECT 1').catch(() => dropConnection(current));
    }, options.heartbeatMs ?? 15_000);
    if (connectedOnce) options.onReconnect?.();
    connectedOnce = true;
    resolveReady();
  };

  void connect();
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners('end');
        await current.end().catch(() => undefined);
      }
    },
  };
}
