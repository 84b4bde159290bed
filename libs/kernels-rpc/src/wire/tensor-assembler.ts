/**
 * The receiving half of a frame's tensor table.
 *
 * Threat model: headers and chunks come from the other process and may lie. Every header is
 * checked before anything is allocated (known dtype, unique ids 0..n-1, shape entries that are
 * integers, byte_length equal to what dtype and shape need, inline data either complete or
 * absent) and against the byte caps (RESOURCE_EXHAUSTED), so a peer cannot make this side
 * allocate more than the caps; chunks must arrive in id order, never spill past their tensor, and
 * the stream must end with every byte delivered. Each violation is INVALID_ARGUMENT naming the
 * tensor's argument path. Streamed bytes are copied into one fresh buffer per tensor, so typed
 * views are aligned and nothing keeps the transport's buffers alive. A header that points into
 * shared memory (same-host transport) carries no bytes; its view comes from the SharedResolver,
 * which checks the region, bounds and alignment (INVALID_ARGUMENT without one: shared memory was
 * not offered for this call); shared bytes are not allocated here, so they do not count towards
 * the per-call total or the reservation, but each still obeys the per-tensor cap.
 * Tests: tensor-assembler.test.ts, frames.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { KernelTypedArray, QuantizedTensor, Tensor } from '@edgepress/kernels-native';
import { DATA_TYPES, byteLengthOf, isDataType, quantizedTypeOf, viewAs, type DataType } from './dtype';
import type { LocatedTensor } from './schema-walk';
import type { SharedResolver, WireChunk, WireTensor } from './wire-tensor';

export interface ByteCaps {
  /** Largest byte_length of one tensor. */
  readonly maxTensorBytes: number;
  /** Largest sum of byte_length over the tensors of one frame. */
  readonly maxTotalBytes: number;
}

interface Slot {
  readonly path: string;
  readonly dtype: DataType;
  readonly shape: number[];
  readonly bytes: Uint8Array;
  received: number;
}

function invalid(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument } });
}

function exhausted(message: string, argument: string, cap: number): EdgepressError {
  return new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, message, { details: { argument, cap } });
}

/** Checks a header's own fields; returns its element count. */
function checkHeader({ path, header }: LocatedTensor, caps: ByteCaps): { dtype: DataType; shape: number[] } {
  if (!isDataType(header.dtype)) {
    throw invalid(`Expected a known dtype for ${path} but received ${String(header.dtype)}`, path);
  }
  const shape = header.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw invalid(`Expected ${path}.shape to hold non-negative integers`, `${path}.shape`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = byteLengthOf(header.dtype, count);
  if (expected > caps.maxTensorBytes) {
    throw exhausted(`${path} needs ${expected} bytes, above the cap of ${caps.maxTensorBytes} bytes per tensor`, path, caps.maxTensorBytes);
  }
  if (header.byteLength !== expected) {
    throw invalid(`Expected ${path} to hold ${expected} bytes (shape [${shape.join(', ')}]) but its header says ${header.byteLength}`, path);
  }
  const inline = header.data?.byteLength ?? 0;
  if (inline !== 0 && inline !== expected) {
    throw invalid(`Expected ${path} inline data of ${expected} bytes but received ${inline}`, path);
  }
  if (isShared(header) && inline !== 0) throw invalid(`Expected ${path} to carry either inline bytes or a shared reference, not both`, path);
  return { dtype: header.dtype, shape };
}

function isShared(header: WireTensor): boolean {
  return header.shared !== undefined && header.shared !== null;
}

export class TensorAssembler {
  private readonly slots: Slot[];
  private readonly streamOrder: number[];
  private cursor = 0;
  readonly totalBytes: number;

  /**
   * Checks every header, then calls `reserve` with the total bytes (it may throw to refuse them),
   * then allocates the tensors (shared ones are resolved through `shared` instead).
   */
  constructor(located: readonly LocatedTensor[], caps: ByteCaps, reserve: (bytes: number) => void = () => undefined, shared?: SharedResolver) {
    const checked = located.map((entry) => ({ entry, ...checkHeader(entry, caps) }));
    this.totalBytes = checked.reduce((sum, { entry }) => sum + (isShared(entry.header) ? 0 : entry.header.byteLength), 0);
    if (this.totalBytes > caps.maxTotalBytes) {
      throw exhausted(`The tensors of this call need ${this.totalBytes} bytes, above the cap of ${caps.maxTotalBytes} bytes`, 'tensors', caps.maxTotalBytes);
    }
    const ids = new Set<number>();
    for (const { entry } of checked) {
      const id = entry.header.id;
      if (!Number.isInteger(id) || id < 0 || id >= checked.length || ids.has(id)) {
        throw invalid(`Expected the tensor ids of a frame to be 0..${checked.length - 1}, each once, but ${entry.path} has id ${id}`, entry.path);
      }
      ids.add(id);
    }
    const views = checked.map(({ entry, dtype }) => {
      const slice = entry.header.shared;
      if (slice === undefined || slice === null) return undefined;
      if (shared === undefined) throw invalid(`${entry.path} refers to shared memory, which this call cannot use`, entry.path);
      return shared(slice, entry.header.byteLength, DATA_TYPES[dtype].ctor.BYTES_PER_ELEMENT, entry.path);
    });
    reserve(this.totalBytes);
    this.slots = new Array<Slot>(checked.length);
    for (const [i, { entry, dtype, shape }] of checked.entries()) {
      const { id, byteLength, data } = entry.header;
      const view = views[i];
      if (view !== undefined) {
        this.slots[id] = { path: entry.path, dtype, shape, bytes: view, received: byteLength };
        continue;
      }
      const inline = (data?.byteLength ?? 0) === byteLength;
      // Inline bytes are copied too: they are a view into the transport's message buffer, at any offset.
      const bytes = new Uint8Array(byteLength);
      if (inline) bytes.set(data);
      this.slots[id] = { path: entry.path, dtype, shape, bytes, received: inline ? byteLength : 0 };
    }
    this.streamOrder = this.slots.map((_, id) => id).filter((id) => (this.slots[id] as Slot).received < (this.slots[id] as Slot).bytes.byteLength);
  }

  /** True once every streamed byte has arrived. */
  get complete(): boolean {
    return this.cursor >= this.streamOrder.length;
  }

  /** Copies one chunk into its tensor. */
  accept(chunk: WireChunk): void {
    const id = this.streamOrder[this.cursor];
    if (id === undefined) throw invalid(`Received a chunk for tensor ${chunk.tensorId} after every tensor was complete`, 'chunk');
    const slot = this.slots[id] as Slot;
    if (chunk.tensorId !== id) {
      throw invalid(`Expected the next chunk to belong to ${slot.path} (tensor ${id}) but it belongs to tensor ${chunk.tensorId}`, slot.path);
    }
    const length = chunk.data?.byteLength ?? 0;
    const left = slot.bytes.byteLength - slot.received;
    if (length === 0 || length > left) {
      throw invalid(`Expected a chunk of 1 to ${left} bytes for ${slot.path} but received ${length}`, slot.path);
    }
    slot.bytes.set(chunk.data, slot.received);
    slot.received += length;
    if (slot.received === slot.bytes.byteLength) this.cursor++;
  }

  /** Fails naming the first tensor whose bytes did not all arrive. */
  expectComplete(): void {
    const id = this.streamOrder[this.cursor];
    if (id === undefined) return;
    const slot = this.slots[id] as Slot;
    throw invalid(`The stream ended with ${slot.bytes.byteLength - slot.received} bytes of ${slot.path} missing`, slot.path);
  }

  private slot(header: WireTensor | null | undefined): Slot | undefined {
    if (header === null || header === undefined) return undefined;
    return this.slots[header.id];
  }

  /** A one-dimensional typed array (or undefined when the header is absent, for validation to name). */
  array(header: WireTensor | null | undefined): KernelTypedArray | undefined {
    const slot = this.slot(header);
    return slot === undefined ? undefined : viewAs(slot.dtype, slot.bytes);
  }

  /** A dense tensor { data, shape }. Packed 4-bit types are refused here: they are quantized tensors. */
  tensor(header: WireTensor | null | undefined): Tensor | undefined {
    const slot = this.slot(header);
    if (slot === undefined) return undefined;
    if (DATA_TYPES[slot.dtype].bits === 4) {
      throw invalid(`Expected a dense tensor for ${slot.path} but received packed ${slot.dtype}`, slot.path);
    }
    return { data: viewAs(slot.dtype, slot.bytes), shape: slot.shape };
  }

  /** A quantized tensor { type, data, shape } (int8, uint8, int4 or uint4). */
  quantized(header: WireTensor | null | undefined): QuantizedTensor | undefined {
    const slot = this.slot(header);
    if (slot === undefined) return undefined;
    const type = quantizedTypeOf(slot.dtype);
    if (type === undefined) {
      throw invalid(`Expected ${slot.path} to be INT8, UINT8, INT4 or UINT4 but received ${slot.dtype}`, slot.path);
    }
    return { type, data: viewAs(slot.dtype, slot.bytes) as Int8Array | Uint8Array, shape: slot.shape };
  }
}
