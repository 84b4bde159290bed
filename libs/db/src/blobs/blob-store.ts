import type { Readable } from 'node:stream';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

/*
 * Threat model: blob bytes come from clients (model and dataset uploads) and from workers on other
 * machines. The sha256 is computed here while the bytes stream through; a hash the client claims
 * is only compared, never trusted. An upload larger than the cap is cut off mid-stream with
 * RESOURCE_EXHAUSTED and leaves nothing behind, as does any failed or aborted upload. Addresses
 * are validated as 64 hex characters before they reach a path or a query (no traversal).
 * Blobs have no owner; which team may read one is BlobReferenceRepository's question.
 * Tests: blob-stores.test.ts (both implementations: 50 MB round trip in bounded memory, dedup,
 * cap, aborted source, concurrent writes of the same content).
 */

/** Where blob bytes come from: a Node Readable or any async iterable of byte chunks. */
export type BlobSource = Readable | AsyncIterable<Uint8Array | string>;

export interface BlobInfo {
  sha256: string;
  sizeBytes: number;
}

export interface PutResult extends BlobInfo {
  /** false when the same content was already stored (deduplicated). */
  created: boolean;
}

export interface PutOptions {
  /** Cap for this upload; defaults to the store's cap. */
  maxBytes?: number;
  /** A hash the uploader claims: the upload fails with BAD_USER_INPUT unless the bytes match it. */
  expectedSha256?: string;
}

/**
 * Content-addressed storage. Two implementations: LocalFolderBlobStore (one machine) and
 * PostgresBlobStore (shared by every worker that reaches the database). There is no garbage
 * collection: delete() removes a blob unconditionally, and deciding that nothing references it
 * (BlobReferenceRepository.isReferenced) is the caller's job.
 */
export interface BlobStore {
  /** Streams the source in, hashing it on the way; the same content is stored once. */
  put(source: BlobSource, options?: PutOptions): Promise<PutResult>;
  /** The blob's bytes as a stream; NOT_FOUND when absent. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<BlobInfo | null>;
  /** Removes the blob; false when it was not there. */
  delete(sha256: string): Promise<boolean>;
}

/** 2 GiB: larger than any model Edgepress targets at the edge; lift per store or per upload. */
export const DEFAULT_MAX_BLOB_BYTES = 2 * 1024 * 1024 * 1024;

const SHA256 = /^[0-9a-f]{64}$/;

export function requireBlobAddress(sha256: unknown): string {
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a blob address of 64 lower-case hex characters (a sha256)', {
      details: { field: 'sha256' },
    });
  }
  return sha256;
}

export function requireMaxBytes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a non-negative integer for maxBytes but received ${String(value)}`, {
      details: { field: 'maxBytes' },
    });
  }
  return value;
}

export function blobNotFound(sha256: string): EdgepressError {
  return new EdgepressError(ErrorCode.NOT_FOUND, `No blob ${sha256} is stored`, { details: { entity: 'blob' } });
}
