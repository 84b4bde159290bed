import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Json } from './graphql-client';

export interface SubscriptionProbe {
  /** Results received so far ({ data } or { errors }). */
  results: { data?: Json | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Resolves when the server completes or errors the subscription. */
  finished: Promise<'complete' | 'error'>;
  errors: unknown[];
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** A graphql-ws client on a real WebSocket, authenticated through connection params. */
export function wsClient(wsUrl: string, token: string | null): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}): SubscriptionProbe {
  const results: SubscriptionProbe['results'] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  let finish!: (how: 'complete' | 'error') => void;
  const finished = new Promise<'complete' | 'error'>((resolve) => (finish = resolve));
  const stop = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        results.push(value as SubscriptionProbe['results'][number]);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error) => {
        errors.push(error);
        if (Array.isArray(error)) results.push({ errors: error as never });
        waiters.splice(0).forEach((wake) => wake());
        finish('error');
      },
      complete: () => finish('complete'),
    },
  );
  return {
    results,
    finished,
    errors,
    stop,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} subscription results, received ${results.length}: ${JSON.stringify(results)} ${String(errors)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}
