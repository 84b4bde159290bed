import type { Logger } from 'pino';
import type { BlobStore, Database, RunQueue } from '@edgepress/db';
import type { LinkSigner } from './auth/signed-links';
import type { Viewer } from './auth/viewer';
import type { ParamsValidator } from './services/params-validator';
import type { RunEventSource } from './subscriptions/run-streams';

/** What every resolver can reach: the database, blobs, the queue, and the request's viewer. */
export interface GatewayServices {
  db: Database;
  blobs: BlobStore;
  queue: Pick<RunQueue, 'enqueue' | 'cancelQueued' | 'depth'>;
  signer: LinkSigner;
  params: ParamsValidator;
  events: RunEventSource;
  /** Largest model the gateway reads to summarize it (bytes). */
  maxModelBytes: number;
}

export interface GatewayContext {
  viewer: Viewer;
  services: GatewayServices;
  requestId: string;
  log: Logger;
  /** Loads a value once per request (e.g. a run's artifacts for each of its stages). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export function createContext(viewer: Viewer, services: GatewayServices, requestId: string, log: Logger): GatewayContext {
  const cache = new Map<string, Promise<unknown>>();
  return {
    viewer,
    services,
    requestId,
    log,
    memo<T>(key: string, load: () => Promise<T>): Promise<T> {
      let value = cache.get(key);
      if (!value) {
        value = load();
        cache.set(key, value);
      }
      return value as Promise<T>;
    },
  };
}
