/**
 * Reads an uploaded model and summarizes it (libs/onnx): the bytes come from a client, so
 * readModel's checks (trust boundary 2) run first and a malformed file is INVALID_MODEL. The read
 * is capped (maxModelBytes) before any byte is buffered.
 * Tests: test/models.test.ts, test/bad-input.test.ts (malformed upload).
 */
import { EdgepressError, ErrorCode, isEdgepressError } from '@edgepress/errors';
import type { BlobStore } from '@edgepress/db';
import { readModel, summarizeModel, type ModelSummary } from '@edgepress/onnx';

export async function readBlob(blobs: BlobStore, sha256: string, maxBytes: number): Promise<Uint8Array> {
  const info = await blobs.stat(sha256);
  if (!info) throw new EdgepressError(ErrorCode.NOT_FOUND, `No blob ${sha256} is stored`, { details: { entity: 'blob' } });
  if (info.sizeBytes > maxBytes) {
    throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The model is ${info.sizeBytes} bytes; this gateway summarizes models of at most ${maxBytes} bytes`, {
      details: { limit: maxBytes },
    });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of await blobs.get(sha256)) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The model is larger than ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

export function summarizeModelBytes(bytes: Uint8Array, dims: Record<string, number>): ModelSummary {
  const model = readModel(bytes);
  try {
    return summarizeModel(model, { dims });
  } catch (error) {
    if (isEdgepressError(error)) throw error;
    throw new EdgepressError(ErrorCode.INVALID_MODEL, 'The model could not be summarized (its graph is inconsistent)', { cause: error });
  }
}
