/**
 * Reading ONNX models: the entry point of trust boundary 2 (model bytes come from users).
 *
 * Threat model: a hostile file may be truncated or garbage, lie about lengths, nest messages
 * without end, be tiny on the wire but huge once parsed, declare negative, overflowing or
 * mismatched tensor shapes, use unknown data types, or point external data outside its folder.
 * In that order we check the byte cap, scan the wire format (proto/wire-scan.ts: structure,
 * depth, node count, parsed-memory estimate), parse with a recursion limit, then validate every
 * tensor header and external-data reference (model/validate.ts). Every refusal is an
 * EdgepressError INVALID_MODEL naming what is wrong; nothing else escapes, nothing hangs, nothing
 * allocates beyond the caps in limits.ts.
 * Tests: model/malformed-models.test.ts, model/mutation.test.ts, proto/wire-scan.test.ts,
 * external-data.test.ts.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { invalidArgument, invalidModel } from '../errors';
import { loadExternalData } from '../external-data';
import { ModelProtoSchema } from '../gen/onnx_pb';
import { resolveLimits, type Limits } from '../limits';
import { scanWire } from '../proto/wire-scan';
import { OnnxModel } from './onnx-model';
import { validateModelProto } from './validate';

export interface ReadOptions {
  /** Raise (or lower) the default safety caps, e.g. `{ maxTensorBytes: 4 * 2 ** 30 }`. */
  limits?: Partial<Limits>;
}

export interface ReadFileOptions extends ReadOptions {
  /** 'load' (default) reads external data from the model's folder; 'skip' leaves it unread. */
  externalData?: 'load' | 'skip';
}

/**
 * Parses a serialized ModelProto. The size cap is checked first, then a schema-guided wire scan
 * bounds nesting, node count and parsed memory, then the protobuf parser runs, then every tensor
 * header is validated. Anything wrong throws EdgepressError INVALID_MODEL.
 */
export function readModel(bytes: Uint8Array, options: ReadOptions = {}): OnnxModel {
  if (!(bytes instanceof Uint8Array)) throw invalidArgument(`Expected model bytes as a Uint8Array but received ${typeof bytes}`);
  const limits = resolveLimits(options.limits);
  if (bytes.length > limits.maxModelBytes) {
    throw invalidModel(
      `Model is ${bytes.length} bytes, above limits.maxModelBytes (${limits.maxModelBytes}); raise it with { limits: { maxModelBytes } } if the model is trusted`,
      { limit: 'maxModelBytes', bytes: bytes.length },
    );
  }
  if (bytes.length === 0) throw invalidModel('Model is empty (0 bytes)');
  // A Node Buffer's slice() is a view, not a copy: parse a plain Uint8Array so that every bytes
  // field (raw_data above all) behaves like a Uint8Array downstream, whatever the caller passed.
  if (Object.getPrototypeOf(bytes) !== Uint8Array.prototype) bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  scanWire(bytes, ModelProtoSchema, limits);
  let proto;
  try {
    proto = fromBinary(ModelProtoSchema, bytes, { recursionLimit: limits.maxNestingDepth });
  } catch (error) {
    throw invalidModel(`Malformed protobuf: ${(error as Error).message}`, undefined, error);
  }
  validateModelProto(proto, limits);
  return new OnnxModel(proto, limits);
}

/** Reads a model file (size-capped before reading) and, by default, its external data. */
export async function readModelFile(file: string, options: ReadFileOptions = {}): Promise<OnnxModel> {
  if (typeof file !== 'string' || file === '') throw invalidArgument('Expected a model file path');
  const limits = resolveLimits(options.limits);
  let bytes: Uint8Array;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw notReadable(file, 'not a regular file');
      if (stats.size > limits.maxModelBytes) {
        throw invalidModel(`Model file '${file}' is ${stats.size} bytes, above limits.maxModelBytes (${limits.maxModelBytes})`, {
          limit: 'maxModelBytes',
          bytes: stats.size,
        });
      }
      bytes = new Uint8Array(await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof EdgepressError) throw error;
    throw notReadable(file, (error as NodeJS.ErrnoException).code ?? 'read failed', error);
  }
  const model = readModel(bytes, { limits });
  if ((options.externalData ?? 'load') === 'load') await loadExternalData(model, path.dirname(path.resolve(file)));
  return model;
}

function notReadable(file: string, why: string, cause?: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Model file '${file}' cannot be read (${why})`, { cause });
}
