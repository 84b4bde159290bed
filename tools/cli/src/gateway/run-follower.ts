/**
 * Follows one run over the public `runProgress` subscription (graphql-ws) until its RUN_FINISHED
 * event. A lost connection is re-established (the subscription yields RUN_FINISHED at once for a
 * run that finished meanwhile); after `maxReconnects` failures in a row the gateway is UNAVAILABLE.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { EdgepressError, ErrorCode, isErrorCode } from '@edgepress/errors';
import type { GatewayClient } from './gateway-client';

export interface RunProgressEvent {
  kind: 'PROGRESS' | 'STAGE_STARTED' | 'STAGE_COMPLETED' | 'RUN_FINISHED';
  fraction: number | null;
  message: string | null;
  stageIndex: number | null;
  state: string | null;
  stage: { index: number; pluginName: string; state: string } | null;
}

const RUN_PROGRESS = `subscription Follow($runId: ID!) {
  runProgress(runId: $runId) {
    kind fraction message stageIndex state
    stage { index pluginName state }
  }
}`;

export interface FollowOptions {
  /** Reconnections in a row before giving up (default 10, 1 s apart). */
  maxReconnects?: number;
  reconnectDelayMs?: number;
}

function publicError(errors: readonly unknown[]): EdgepressError {
  const first = errors[0] as { message?: string; extensions?: { code?: unknown } } | undefined;
  const code = first?.extensions?.code;
  return new EdgepressError(isErrorCode(code) ? code : ErrorCode.INTERNAL, first?.message ?? 'The subscription failed');
}

type Outcome = { finished: RunProgressEvent } | { lost: unknown };

function subscribeOnce(client: Client, runId: string, onEvent: (event: RunProgressEvent) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    let finished: RunProgressEvent | undefined;
    client.subscribe<{ runProgress: RunProgressEvent }>(
      { query: RUN_PROGRESS, variables: { runId } },
      {
        next: (result) => {
          if (result.errors?.length) {
            resolve({ lost: publicError(result.errors) });
            return;
          }
          const event = result.data?.runProgress;
          if (!event) return;
          if (event.kind === 'RUN_FINISHED') finished = event;
          onEvent(event);
        },
        // An array is the server's GraphQL errors; anything else (a CloseEvent, an Error) is the connection.
        error: (error) => resolve({ lost: Array.isArray(error) ? publicError(error) : error }),
        complete: () => resolve(finished ? { finished } : { lost: new Error('the subscription ended before the run finished') }),
      },
    );
  });
}

/** Calls onEvent for every event of the run; resolves with the RUN_FINISHED event. */
export async function followRun(gateway: GatewayClient, runId: string, onEvent: (event: RunProgressEvent) => void, options: FollowOptions = {}): Promise<RunProgressEvent> {
  const maxReconnects = options.maxReconnects ?? 10;
  const delayMs = options.reconnectDelayMs ?? 1000;
  let failures = 0;
  for (;;) {
    const client = createClient({
      url: gateway.subscriptionUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${gateway.settings.token}` },
      retryAttempts: 0,
      lazy: true,
    });
    let outcome: Outcome;
    try {
      outcome = await subscribeOnce(client, runId, (event) => {
        failures = 0;
        onEvent(event);
      });
    } finally {
      await client.dispose();
    }
    if ('finished' in outcome) return outcome.finished;
    // A public error from the server (NOT_FOUND, UNAUTHENTICATED, ...) will not go away by retrying.
    if (outcome.lost instanceof EdgepressError) throw outcome.lost;
    failures += 1;
    if (failures > maxReconnects) {
      throw new EdgepressError(ErrorCode.UNAVAILABLE, `Lost the subscription to ${gateway.subscriptionUrl} ${failures} times in a row while following run ${runId}`, {
        cause: outcome.lost,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
