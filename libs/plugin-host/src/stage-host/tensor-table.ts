/**
 * The handles a stage's plugin holds. A handle is an opaque id; the numbers stay on the host.
 * Two kinds of entries:
 *  - data: a tensor the host holds (written by the plugin, or a kernel's result), counted against
 *    the stage's byte cap;
 *  - views: a weight or attribute tensor of the model, decoded only when used. A view is keyed by
 *    the protobuf object it reads, so asking for the graph twice gives the same handle. Before the
 *    model edits that object in place, `detach` turns the view into data, so a handle always
 *    shows the values it had when it was handed out.
 * Threat model: handles arrive from the sandbox as arbitrary data; only the id is trusted, and the
 * data type and dims it claims must match the entry. Unknown ids are NOT_FOUND; caps on the count
 * and total bytes of held tensors end runaway plugins with RESOURCE_EXHAUSTED.
 * Tests: tensor-table.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { DataTypeName, TensorHandle } from '@edgepress/plugin-sdk';
import { dataTypeName, type Tensor } from '@edgepress/onnx';
import { describeValue, invalidArgument, notFound } from './arguments';
import { decodedBytes, handleOf, sdkDataTypeOf } from './sdk-tensors';

export interface TensorTableLimits {
  /** Bytes of tensors the host holds for the plugin at once (views of model weights do not count). */
  readonly maxTensorBytes: number;
  /** Handles alive at once. */
  readonly maxTensors: number;
}

type Entry =
  | { readonly kind: 'data'; readonly tensor: Tensor; readonly bytes: number; readonly handle: TensorHandle }
  | { readonly kind: 'view'; readonly load: () => Tensor; readonly key: object; readonly handle: TensorHandle };

const MAX_ID_LENGTH = 64;

export class TensorTable {
  private readonly entries = new Map<string, Entry>();
  private readonly views = new Map<object, string>();
  private heldBytes = 0;
  private counter = 0;

  constructor(private readonly limits: TensorTableLimits) {}

  /** Bytes of data entries currently held. */
  get bytes(): number {
    return this.heldBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stores a tensor and returns its new handle. */
  add(tensor: Tensor): TensorHandle {
    const dataType = this.sdkType(tensor.dataType);
    const bytes = decodedBytes(tensor);
    this.reserve(bytes);
    const handle = handleOf(this.nextId(), dataType, tensor.dims);
    this.entries.set(handle.id, { kind: 'data', tensor: { ...tensor, name: '' }, bytes, handle });
    this.heldBytes += bytes;
    return handle;
  }

  /**
   * The handle of a model tensor read lazily by `load`, keyed by the object it reads (reused while
   * that handle is alive).
   */
  view(key: object, dataType: number, dims: readonly number[], load: () => Tensor): TensorHandle {
    const existing = this.views.get(key);
    if (existing !== undefined) {
      const entry = this.entries.get(existing);
      if (entry !== undefined) return entry.handle;
    }
    this.reserve(0);
    const handle = handleOf(this.nextId(), this.sdkType(dataType), dims);
    this.entries.set(handle.id, { kind: 'view', load, key, handle });
    this.views.set(key, handle.id);
    return handle;
  }

  /** Turns the view keyed by `key` (if any) into data, before the model changes that object in place. */
  detach(key: object): void {
    const id = this.views.get(key);
    if (id === undefined) return;
    this.views.delete(key);
    const entry = this.entries.get(id);
    if (entry === undefined || entry.kind !== 'view') return;
    const tensor = entry.load();
    const bytes = decodedBytes(tensor);
    if (this.heldBytes + bytes > this.limits.maxTensorBytes) {
      // Refuse the edit rather than let the handle silently show the new values.
      this.views.set(key, id);
      throw new EdgepressError(
        ErrorCode.RESOURCE_EXHAUSTED,
        `Tensor handle ${id} shows values that this edit replaces; keeping them (${bytes} bytes) would exceed limits.maxTensorBytes. Release the handle first`,
      );
    }
    this.entries.set(id, { kind: 'data', tensor, bytes, handle: entry.handle });
    this.heldBytes += bytes;
  }

  /** The entry behind a handle a plugin passed as `what`; the handle's data type and dims must match. */
  resolve(value: unknown, what: string): TensorHandle {
    return this.entry(value, what).handle;
  }

  /** The tensor behind a handle, decoded. */
  tensor(value: unknown, what: string): Tensor {
    const entry = this.entry(value, what);
    return entry.kind === 'data' ? entry.tensor : entry.load();
  }

  /** Frees handles; ids that are not (or no longer) held are ignored, so releasing twice is harmless. */
  release(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) continue;
      this.entries.delete(id);
      if (entry.kind === 'data') this.heldBytes -= entry.bytes;
      else if (this.views.get(entry.key) === id) this.views.delete(entry.key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.views.clear();
    this.heldBytes = 0;
  }

  private entry(value: unknown, what: string): Entry {
    if (typeof value !== 'object' || value === null) throw invalidArgument(`Expected a tensor handle for ${what} but received ${describeValue(value)}`);
    const handle = value as Partial<Record<keyof TensorHandle, unknown>>;
    if (typeof handle.id !== 'string' || handle.id.length > MAX_ID_LENGTH) {
      throw invalidArgument(`Expected a tensor handle { id, dataType, dims } for ${what} but its id is ${describeValue(handle.id)}`);
    }
    const entry = this.entries.get(handle.id);
    if (entry === undefined) throw notFound(`Tensor handle ${JSON.stringify(handle.id)} (${what}) is unknown or was released`);
    const held = entry.handle;
    const sameDims = Array.isArray(handle.dims) && handle.dims.length === held.dims.length && handle.dims.every((dim, i) => dim === held.dims[i]);
    if (handle.dataType !== held.dataType || !sameDims) {
      throw invalidArgument(
        `Tensor handle ${held.id} (${what}) says ${describeValue(handle.dataType)} [${Array.isArray(handle.dims) ? handle.dims.join(', ') : '?'}] but holds ${held.dataType} [${held.dims.join(', ')}]`,
      );
    }
    return entry;
  }

  private reserve(bytes: number): void {
    if (this.entries.size >= this.limits.maxTensors) {
      throw new EdgepressError(ErrorCode.RESOURCE_EXHAUSTED, `The plugin holds ${this.entries.size} tensor handles, the most a stage may hold (limits.maxTensors); release the ones it no longer needs`);
    }
    if (this.heldBytes + bytes > this.limits.maxTensorBytes) {
      throw new EdgepressError(
        ErrorCode.RESOURCE_EXHAUSTED,
        `Holding another ${bytes} bytes of tensors would exceed the ${this.limits.maxTensorBytes} bytes a stage may hold on the host (limits.maxTensorBytes); release tensors the plugin no longer needs`,
      );
    }
  }

  private sdkType(dataType: number): DataTypeName {
    const name = sdkDataTypeOf(dataType);
    if (name === undefined) throw invalidArgument(`A ${dataTypeName(dataType)} tensor cannot be handed to a plugin: the SDK has no type for it`);
    return name;
  }

  private nextId(): string {
    this.counter += 1;
    return `t${this.counter}`;
  }
}
