import type { Logger } from 'pino';
import type { BlobStore, Database, RunQueue } from '@edgepress/db';
import type { RateLimitOptions } from './limits/rate-limit';

/** Safe defaults for trust boundary 1; each can be lifted by name. */
export const DEFAULT_LIMITS = Object.freeze({
  /** Nested fields per operation. */
  maxDepth: 15,
  /** Aliases per operation (fragments expanded). */
  maxAliases: 30,
  /** Cost points per operation (see limits/cost.ts). */
  maxCost: 20_000,
  /** Bytes of a /graphql request body or WebSocket frame. */
  maxBodyBytes: 1024 * 1024,
  /** Bytes of one PUT /v1/blobs upload. */
  maxUploadBytes: 512 * 1024 * 1024,
  /** Largest model the gateway reads into memory to summarize. */
  maxModelBytes: 512 * 1024 * 1024,
});

export type GatewayLimits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

export interface GatewayConfig {
  /** PostgreSQL URL: the gateway LISTENs on it for run events (and opens `db` and `queue` when not given). */
  databaseUrl: string;
  /** Repositories over an already migrated database; default openDatabase(databaseUrl), closed with the gateway. */
  db?: Database;
  /** Where model, dataset and artifact bytes live (shared with workers). */
  blobs: BlobStore;
  /** The run queue; default RunQueue.start({ databaseUrl }), stopped with the gateway. */
  queue?: RunQueue;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 4000; 0 picks a free one). */
  port?: number;
  /** Schema introspection (default: on unless NODE_ENV is production). */
  introspection?: boolean;
  limits?: Partial<GatewayLimits>;
  /** Per-token and failed-authentication rate limits; false turns them off (benchmarks). */
  rateLimit?: { perToken?: RateLimitOptions; failuresPerAddress?: RateLimitOptions } | false;
  /**
   * HMAC key of upload receipts and download links (at least 16 bytes). Gateways behind one load
   * balancer must share it; default: random per process.
   */
  signingSecret?: string;
  /** When set, GET /metrics requires "Authorization: Bearer <metricsToken>". */
  metricsToken?: string;
  logger?: Logger;
}
