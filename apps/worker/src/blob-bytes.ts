import { Readable } from 'node:stream';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { BlobInfo, BlobStore } from '@edgepress/db';

/** A whole blob in memory (models and bundles are read whole by ONNX Runtime and the sandbox), capped. */
export async function readBlobBytes(blobs: BlobStore, sha256: string, maxBytes: number, what: string): Promise<Uint8Array> {
  const info = await blobs.stat(sha256);
  if (info === null) throw new EdgepressError(ErrorCode.NOT_FOUND, `The ${what} (blob ${sha256}) is missing from the blob store`);
  if (info.sizeBytes > maxBytes) {
    throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The ${what} is ${info.sizeBytes} bytes; the worker reads at most ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of await blobs.get(sha256)) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += bytes.length;
    if (total > maxBytes) throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The ${what} grew past ${maxBytes} bytes while it was read`);
    chunks.push(bytes);
  }
  const whole = Buffer.concat(chunks, total);
  return new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength);
}

/** Stores bytes (content-addressed: storing the same bytes again is a no-op). */
export async function storeBytes(blobs: BlobStore, bytes: Uint8Array | string): Promise<BlobInfo> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { sha256, sizeBytes } = await blobs.put(Readable.from([buffer]));
  return { sha256, sizeBytes };
}
