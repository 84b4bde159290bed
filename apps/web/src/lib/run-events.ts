/**
 * Live run progress over graphql-ws, straight from the browser to the gateway's /graphql socket
 * (Next.js route handlers cannot proxy WebSockets). The token goes in the connection_init
 * payload, as the gateway expects; one client per gateway URL and token is shared by the page.
 */
import { createClient, type Client } from 'graphql-ws';
import { RunProgressDocument, type RunProgressSubscription } from '../gen/graphql';
import { GatewayError, type GraphQLErrorShape } from './gateway-error';

export type RunEvent = RunProgressSubscription['runProgress'];

export interface RunEventHandlers {
  onEvent(event: RunEvent): void;
  onError(error: GatewayError): void;
  /** The subscription ended (after RUN_FINISHED). */
  onComplete(): void;
}

const clients = new Map<string, Client>();

function clientFor(url: string, token: string): Client {
  const key = `${url} ${token}`;
  let client = clients.get(key);
  if (!client) {
    client = createClient({
      url,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      lazyCloseTimeout: 2_000,
      retryAttempts: 8,
      // 4403: the gateway refused the token; retrying cannot help.
      shouldRetry: (event) => !(typeof event === 'object' && event !== null && 'code' in event && (event as CloseEvent).code === 4403),
    });
    clients.set(key, client);
  }
  return client;
}

function toError(value: unknown): GatewayError {
  if (Array.isArray(value)) return GatewayError.fromGraphQL(value as GraphQLErrorShape[]);
  if (typeof value === 'object' && value !== null && 'code' in value && typeof (value as CloseEvent).code === 'number') {
    const close = value as CloseEvent;
    if (close.code === 4403) return new GatewayError('UNAUTHENTICATED', 'The gateway refused the token for live updates');
    return new GatewayError('UNAVAILABLE', `The live connection to the gateway closed (${close.code}${close.reason ? `: ${close.reason}` : ''})`);
  }
  return new GatewayError('UNAVAILABLE', value instanceof Error ? value.message : 'The live connection to the gateway failed');
}

/** Subscribes to one run's events; returns the function that unsubscribes. */
export function subscribeToRun(url: string, token: string, runId: string, handlers: RunEventHandlers): () => void {
  return clientFor(url, token).subscribe<RunProgressSubscription>(
    { query: RunProgressDocument.toString(), variables: { runId } },
    {
      next: (result) => {
        if (result.errors?.length) handlers.onError(GatewayError.fromGraphQL(result.errors as GraphQLErrorShape[]));
        else if (result.data) handlers.onEvent(result.data.runProgress);
      },
      error: (error) => handlers.onError(toError(error)),
      complete: () => handlers.onComplete(),
    },
  );
}
