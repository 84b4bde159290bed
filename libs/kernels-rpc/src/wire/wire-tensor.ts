/** The Tensor header and TensorChunk messages of kernels.proto as TypeScript sees them. */
import type { DataType } from './dtype';

/** Where a tensor's bytes are in a registered shared-memory region (kernels.proto SharedSlice). */
export interface WireSharedSlice {
  regionId: string;
  offset: number;
}

/** A received Tensor header: the peer's word, checked by TensorAssembler. */
export interface WireTensor {
  id: number;
  dtype: string | number;
  shape: number[];
  byteLength: number;
  /** All byteLength bytes when inline; empty when the bytes follow as chunks or are shared. */
  data: Uint8Array;
  /** Set when the bytes are in shared memory instead (same-host transport). */
  shared?: WireSharedSlice | null;
}

/**
 * Part of the message of the INVALID_ARGUMENT a server gives for a region id it does not know;
 * a client that sees it re-registers its regions (the server may have restarted) and retries.
 */
export const UNKNOWN_REGION_TEXT = 'a shared region registered on this server';

/**
 * The sending side's shared memory: a reference for bytes that are (or have just been copied)
 * in a registered region, or undefined to send them as bytes.
 */
export type SharedPlacement = (bytes: Uint8Array) => WireSharedSlice | undefined;

/**
 * The receiving side's shared memory: a view of the `byteLength` bytes a reference points at,
 * aligned to `alignment`; throws INVALID_ARGUMENT naming `path` when the reference is not valid.
 */
export type SharedResolver = (slice: WireSharedSlice, byteLength: number, alignment: number, path: string) => Uint8Array;

/** A Tensor header this side sends. */
export interface OutgoingTensor extends WireTensor {
  dtype: DataType;
}

export interface WireChunk {
  tensorId: number;
  data: Uint8Array;
}

/** 1 MiB: the largest chunk either side sends, and the inline budget of a header frame. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

/** Room for headers and typed fields on top of the chunk size in one message. */
export const MESSAGE_HEADROOM_BYTES = 256 << 10;

/** The message size cap both sides set: a chunk (or a frame with inline tensors) plus headroom. */
export function maxMessageBytes(chunkBytes: number): number {
  return chunkBytes + MESSAGE_HEADROOM_BYTES;
}

/** Splits one tensor's bytes into chunks of at most chunkBytes; views, not copies. */
export function* chunksOf(tensorId: number, bytes: Uint8Array, chunkBytes: number): Generator<WireChunk> {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    const end = Math.min(bytes.byteLength, offset + chunkBytes);
    yield { tensorId, data: bytes.subarray(offset, end) };
  }
}
