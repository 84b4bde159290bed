import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { toDatabaseError } from '../sql/database-errors';
import { queryOne, queryRow } from '../sql/query';
import {
  blobNotFound,
  DEFAULT_MAX_BLOB_BYTES,
  requireBlobAddress,
  requireMaxBytes,
  type BlobInfo,
  type BlobSource,
  type BlobStore,
  type PutOptions,
  type PutResult,
} from './blob-store';
import { checkExpectedHash, ContentMeter } from './content-meter';

export interface PostgresBlobStoreOptions {
  pool: Pool;
  /** Upload cap in bytes (default DEFAULT_MAX_BLOB_BYTES). */
  maxBytes?: number;
  /** Bytes per stored chunk (default 1 MiB). */
  chunkBytes?: number;
}

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Blobs in PostgreSQL itself (tables blobs and blob_chunks), so that a worker on another machine
 * reads models and writes artifacts through the same connection it already has. A write runs in
 * one transaction on one connection: chunks are inserted as they fill (at most one chunk is held in
 * memory), the blobs row comes last with ON CONFLICT DO NOTHING, and a write that lost the race to
 * identical content, failed or hit the cap rolls back and leaves nothing. Reads fetch one chunk
 * per query as the consumer pulls, on pooled connections.
 */
export class PostgresBlobStore implements BlobStore {
  private readonly pool: Pool;
  private readonly maxBytes: number;
  private readonly chunkBytes: number;

  constructor(options: PostgresBlobStoreOptions) {
    this.pool = options.pool;
    this.maxBytes = requireMaxBytes(options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES);
    this.chunkBytes = requireMaxBytes(options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    if (this.chunkBytes < 1 || this.chunkBytes > 64 * 1024 * 1024) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected chunkBytes between 1 and 64 MiB');
    }
  }

  async put(source: BlobSource, options: PutOptions = {}): Promise<PutResult> {
    const meter = new ContentMeter(requireMaxBytes(options.maxBytes ?? this.maxBytes));
    const expected = options.expectedSha256 === undefined ? undefined : requireBlobAddress(options.expectedSha256);
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toDatabaseError(error);
    }
    try {
      await client.query('BEGIN');
      const uploadId = randomUUID();
      let chunkCount = 0;
      const insertChunk = async (data: Buffer) => {
        await client.query('INSERT INTO blob_chunks (upload_id, seq, data) VALUES ($1, $2, $3)', [uploadId, chunkCount, data]);
        chunkCount += 1;
      };
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const piece of meter.pass(source)) {
        pending.push(piece);
        pendingBytes += piece.length;
        while (pendingBytes >= this.chunkBytes) {
          const joined = Buffer.concat(pending, pendingBytes);
          await insertChunk(joined.subarray(0, this.chunkBytes));
          const rest = joined.subarray(this.chunkBytes);
          pending = rest.length ? [Buffer.from(rest)] : [];
          pendingBytes = rest.length;
        }
      }
      if (pendingBytes > 0) await insertChunk(Buffer.concat(pending, pendingBytes));
      const sha256 = meter.digest();
      checkExpectedHash(sha256, expected);
      const inserted = await client.query(
        `INSERT INTO blobs (sha256, size_bytes, upload_id, chunk_count) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
        [sha256, meter.sizeBytes, uploadId, chunkCount],
      );
      const created = inserted.rowCount === 1;
      // Deduplicated: the content is already stored, so this upload's chunks are dropped.
      await client.query(created ? 'COMMIT' : 'ROLLBACK');
      return { sha256, sizeBytes: meter.sizeBytes, created };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw toDatabaseError(error);
    } finally {
      client.release();
    }
  }

  async get(sha256: string): Promise<Readable> {
    const address = requireBlobAddress(sha256);
    const blob = await queryOne<{ upload_id: string; chunk_count: number }>(this.pool, 'SELECT upload_id, chunk_count FROM blobs WHERE sha256 = $1', [address]);
    if (!blob) throw blobNotFound(address);
    const pool = this.pool;
    const { upload_id: uploadId, chunk_count: chunkCount } = blob;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = 0; seq < chunkCount; seq += 1) {
        const row = await queryOne<{ data: Buffer }>(pool, 'SELECT data FROM blob_chunks WHERE upload_id = $1 AND seq = $2', [uploadId, seq]);
        if (!row) throw new EdgepressError(ErrorCode.NOT_FOUND, `The blob ${address} was deleted while it was being read`);
        yield row.data;
      }
    }
    // Byte mode with a small buffer: the next chunk is fetched only when the consumer wants it.
    return Readable.from(chunks(), { objectMode: false, highWaterMark: 1 });
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    const address = requireBlobAddress(sha256);
    const row = await queryOne<{ size_bytes: number }>(this.pool, 'SELECT size_bytes FROM blobs WHERE sha256 = $1', [address]);
    return row ? { sha256: address, sizeBytes: Number(row.size_bytes) } : null;
  }

  async delete(sha256: string): Promise<boolean> {
    const row = await queryRow<{ deleted: number }>(
      this.pool,
      `WITH gone AS (DELETE FROM blobs WHERE sha256 = $1 RETURNING upload_id),
            chunks AS (DELETE FROM blob_chunks WHERE upload_id IN (SELECT upload_id FROM gone))
       SELECT count(*)::int AS deleted FROM gone`,
      [requireBlobAddress(sha256)],
    );
    return row.deleted > 0;
  }
}
