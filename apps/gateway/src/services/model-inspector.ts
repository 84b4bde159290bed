/**
 * Reads an uploaded model and summarizes it (libs/onnx): the bytes come from a client, so
 * readModel's checks (trust boundary 2) run first and a malformed file is INVALID_MODEL. The read
 * is capped (maxModelBytes) before any byte is buffered.
 * Tests: test/models.test.ts, test/bad-input.test.ts (malformed upload).
 */
import { EdgepressError, ErrorCode, isEdgepressError } from '@edgepress/errors';
import { MAX_MODEL_DIMENSIONS, type BlobStore } from '@edgepress/db';
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

/** Registration's dimension values as a map: named once each, sizes from 1 to 2^31 - 1, at most 64. */
export function dimensionValues(list: readonly { name: string; value: number }[] | null | undefined, field: string): Record<string, number> {
  const dims: Record<string, number> = {};
  const entries = list ?? [];
  if (entries.length > MAX_MODEL_DIMENSIONS) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected at most ${MAX_MODEL_DIMENSIONS} dimension values for ${field} but received ${entries.length}`, { details: { field } });
  }
  for (const [index, { name, value }] of entries.entries()) {
    if (name.length === 0 || name.length > 200) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a dimension name of 1 to 200 characters for ${field}[${index}].name`, { details: { field: `${field}[${index}].name` } });
    if (Object.hasOwn(dims, name)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Dimension ${JSON.stringify(name)} is given twice in ${field}`, { details: { field: `${field}[${index}].name` } });
    if (!Number.isSafeInteger(value) || value < 1 || value > 2 ** 31 - 1) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a size from 1 to ${2 ** 31 - 1} for dimension ${JSON.stringify(name)} but received ${value}`, { details: { field: `${field}[${index}].value` } });
    }
    dims[name] = value;
  }
  return dims;
}
