/** A dense row-major tensor as the kernels take and return it. */
export type KernelTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

export interface Tensor<T extends KernelTypedArray = KernelTypedArray> {
  readonly data: T;
  readonly shape: readonly number[];
}

/** Options every long-running operation accepts. */
export interface KernelCallOptions {
  /** Worker threads for the operation (1 to 64; default 1). */
  threads?: number;
  /** Aborting rejects the operation with code CANCELLED at the kernel's next check. */
  signal?: AbortSignal;
  /** Cap on the elements of every tensor the operation reads or writes (default 2^28). */
  maxElements?: number;
}
