import type { Logger } from 'pino';
import type { Artifact, BlobStore, Database, RunQueue, Stage } from '@edgepress/db';
import type { LinkSigner } from './auth/signed-links';
import type { Viewer } from './auth/viewer';
import { createBatchLoader, type BatchLoader } from './services/batch-loader';
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
  /** Stages and artifacts of the runs a request touches, read in one query per tick. */
  loaders: {
    stagesOfRun: BatchLoader<string, Stage[]>;
    artifactsOfRun: BatchLoader<string, Artifact[]>;
  };
}

export function createContext(viewer: Viewer, services: GatewayServices, requestId: string, log: Logger): GatewayContext {
  const cache = new Map<string, Promise<unknown>>();
  return {
    viewer,
    services,
    requestId,
    log,
    loaders: {
      stagesOfRun: createBatchLoader((runIds) => services.db.stages.listForRuns(viewer.teamId, runIds)),
      artifactsOfRun: createBatchLoader((runIds) => services.db.artifacts.listForRuns(viewer.teamId, runIds)),
    },
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
