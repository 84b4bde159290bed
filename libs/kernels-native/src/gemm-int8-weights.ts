/**
 * Int8 weights for the int8 GEMMs: packInt8Weights turns B [K, N] (int8) into the kernels' panel
 * layout once, so that repeated products with the same weights skip the packing (as ONNX
 * Runtime pre-packs constant initializers). The packed bytes are opaque (layout documented in
 * src/native/gemm_int8_layout.h) but plain data: they can be cached or sent over the wire, and are
 * validated (kind, sizes, byte length) whenever they come back.
 * Tests: gemm-int8.test.ts.
 */
import { callNative, native, type NativeInt8Operands } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import { expectInteger, expectMaxElements, expectOneOf, expectTensor, expectThreads, invalidArgument, isTypedArrayOf } from './validate';

export const PACKED_INT8_KIND = 'edgepress.packed-int8-weights/v1';

export interface PackedInt8Weights {
  readonly kind: typeof PACKED_INT8_KIND;
  /** Rows of B (the inner dimension of the product). */
  readonly k: number;
  /** Columns of B (output columns). */
  readonly n: number;
  readonly data: Uint8Array;
}

/** Weights as the int8 GEMMs take them: B [K, N] int8, or the same packed. */
export type Int8Weights = Tensor<Int8Array> | PackedInt8Weights;

/** Bytes of packed weights: 16-column panels of K rounded up to 64, then one int32 column sum per padded column. */
export function packedInt8ByteLength(k: number, n: number): number {
  const panels = Math.ceil(n / 16);
  return panels * (Math.ceil(k / 64) * 64 * 16 + 16 * 4);
}

export async function packInt8Weights(b: Tensor<Int8Array>, options: KernelCallOptions = {}): Promise<PackedInt8Weights> {
  const weights = expectTensor('b', b, [Int8Array], expectMaxElements(options.maxElements));
  if (weights.shape.length !== 2) throw invalidArgument(`Expected b.shape to be a matrix [K, N] but received [${weights.shape.join(', ')}]`, 'b.shape');
  const [k, n] = weights.shape as [number, number];
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const data = await callNative('packInt8Weights', () => native.packInt8Weights({ b: weights.data, k, n, threads, cancel }));
  return Object.freeze({ kind: PACKED_INT8_KIND, k, n, data });
}

function isPacked(value: unknown): value is PackedInt8Weights {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === PACKED_INT8_KIND;
}

/** Checks packed weights that come back from a caller: sizes and the exact byte length. */
function expectPacked(value: PackedInt8Weights, maxElements: number): PackedInt8Weights {
  const k = expectInteger('b.k', value.k, 1, maxElements);
  const n = expectInteger('b.n', value.n, 1, maxElements);
  const bytes = packedInt8ByteLength(k, n);
  if (!isTypedArrayOf(value.data, Uint8Array) || value.data.length !== bytes) {
    throw invalidArgument(`Expected b.data to be a Uint8Array of ${bytes} bytes for packed weights [${k}, ${n}]`, 'b.data');
  }
  return value;
}

/** Packed weights from either form (packing a plain tensor now). */
export async function resolveInt8Weights(b: Int8Weights, options: KernelCallOptions, maxElements: number): Promise<PackedInt8Weights> {
  if (isPacked(b)) return expectPacked(b, maxElements);
  return packInt8Weights(b as Tensor<Int8Array>, { ...options, maxElements });
}

export type Int8KernelName = 'auto' | 'portable' | 'avx2' | 'amx' | 'avx512-vnni';

const KERNEL_IDS: Record<Int8KernelName, NativeInt8Operands['kernel']> = { auto: 0, portable: 1, avx2: 2, amx: 3, 'avx512-vnni': 4 };

/** The int8 kernels this CPU can run, and the one `auto` picks. */
export function int8Kernels(): { available: Int8KernelName[]; auto: Exclude<Int8KernelName, 'auto'> } {
  const k = native.int8Kernels();
  const available: Int8KernelName[] = ['auto', 'portable'];
  if (k.avx2) available.push('avx2');
  if (k.avx512Vnni) available.push('avx512-vnni');
  if (k.amx) available.push('amx');
  return { available, auto: k.auto };
}

export function expectInt8Kernel(value: unknown): NativeInt8Operands['kernel'] {
  if (value === undefined) return 0;
  const name = expectOneOf('kernel', value, int8Kernels().available);
  return KERNEL_IDS[name];
}
