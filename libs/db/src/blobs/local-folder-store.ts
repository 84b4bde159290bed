import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EdgepressError, ErrorCode, isEdgepressError } from '@edgepress/errors';
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

export interface LocalFolderBlobStoreOptions {
  /** Folder that holds the blobs (created when missing). */
  root: string;
  /** Upload cap in bytes (default DEFAULT_MAX_BLOB_BYTES). */
  maxBytes?: number;
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

function storageError(error: unknown): EdgepressError {
  if (isEdgepressError(error)) return error as EdgepressError;
  if (isErrno(error, 'ENOSPC') || isErrno(error, 'EDQUOT')) {
    return new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, 'The blob folder is out of space', { cause: error });
  }
  return new EdgepressError(ErrorCode.INTERNAL, 'Internal error', { cause: error });
}

/**
 * Blobs as files named by their sha256 under two levels of fan-out folders (ab/cd/abcd...), so
 * no folder grows huge. A write goes to tmp/ first, is flushed to disk, and is then hard-linked
 * into place: link() fails when the name exists, so of several writers of the same content
 * exactly one creates it and the file that appears is always complete.
 */
export class LocalFolderBlobStore implements BlobStore {
  private readonly root: string;
  private readonly tmp: string;
  private readonly maxBytes: number;

  constructor(options: LocalFolderBlobStoreOptions) {
    this.root = path.resolve(options.root);
    this.tmp = path.join(this.root, 'tmp');
    this.maxBytes = requireMaxBytes(options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES);
  }

  async put(source: BlobSource, options: PutOptions = {}): Promise<PutResult> {
    const meter = new ContentMeter(requireMaxBytes(options.maxBytes ?? this.maxBytes));
    const expected = options.expectedSha256 === undefined ? undefined : requireBlobAddress(options.expectedSha256);
    const temporary = path.join(this.tmp, `${randomUUID()}.part`);
    try {
      await mkdir(this.tmp, { recursive: true });
      await pipeline(meter.pass(source), createWriteStream(temporary, { flags: 'wx', mode: 0o444, flush: true }));
      const sha256 = meter.digest();
      checkExpectedHash(sha256, expected);
      const final = this.pathOf(sha256);
      await mkdir(path.dirname(final), { recursive: true });
      let created = true;
      try {
        await link(temporary, final);
      } catch (error) {
        if (!isErrno(error, 'EEXIST')) throw error;
        created = false;
      }
      return { sha256, sizeBytes: meter.sizeBytes, created };
    } catch (error) {
      throw storageError(error);
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  async get(sha256: string): Promise<Readable> {
    const address = requireBlobAddress(sha256);
    try {
      const handle = await open(this.pathOf(address), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw blobNotFound(address);
      throw storageError(error);
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    const address = requireBlobAddress(sha256);
    try {
      const info = await stat(this.pathOf(address));
      return { sha256: address, sizeBytes: info.size };
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw storageError(error);
    }
  }

  async delete(sha256: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(requireBlobAddress(sha256)));
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw storageError(error);
    }
  }

  /**
   * Removes temporary files older than the given age: what a process killed mid-upload leaves
   * behind (a live upload in another process may be younger than that, never older).
   */
  async purgeIncompleteUploads(olderThanMs: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmp);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return 0;
      throw storageError(error);
    }
    let removed = 0;
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const file = path.join(this.tmp, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtimeMs < cutoff && (await unlink(file).then(() => true, () => false))) removed += 1;
    }
    return removed;
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}
