/**
 * 4-bit block-wise weights in the layout of ONNX Runtime's com.microsoft MatMulNBits (bits = 4),
 * so that a plugin can write the same bytes into a model:
 *   data        B input, [N, ceil(K / blockSize), blockSize / 2] bytes: column n's values along K
 *               in blocks, value k of a block in byte k / 2, even k in the low nibble;
 *   scales      [N * blocks] floats (column-major by block: scales[n * blocks + j]);
 *   zeroPoints  [N * ceil(blocks / 2)] bytes of packed uint4 (block j in byte j / 2); absent means 8.
 * quantizeInt4Weights makes them from a float MatMul weight W [K, N] (round to nearest, half to
 * even; symmetric or asymmetric, see src/native/gemm_int4_quantize.cc for the exact rules), and
 * matmulNBits computes Y = A x dequant(B) (+ bias) in fp32 like MatMulNBits with accuracy_level 0.
 * NaN/Inf in A propagate as in a float MatMul; weights must be finite.
 *
 * Trust boundary (kernel calls): sizes, block size (a power of two from 16 to 256), byte and scale
 * counts, scales finite and > 0, bias, threads and the element caps are checked here.
 * Tests: gemm-int4.test.ts (against ONNX Runtime's MatMulNBits and a TypeScript reference).
 */
import { callNative, native } from './binding';
import { cancelFlagFor } from './cancellation';
import type { KernelCallOptions, Tensor } from './tensor';
import {
  expectInteger,
  expectMaxElements,
  expectOneOf,
  expectPowerOfTwo,
  expectScales,
  expectTensor,
  expectThreads,
  expectTypedArray,
  invalidArgument,
  resourceExhausted,
} from './validate';

export interface Int4Weights {
  readonly k: number;
  readonly n: number;
  readonly blockSize: number;
  readonly data: Uint8Array;
  readonly scales: Float32Array;
  readonly zeroPoints?: Uint8Array;
}

export interface QuantizeInt4Options extends KernelCallOptions {
  /** Values per block along K: a power of two from 16 to 256 (default 32). */
  blockSize?: number;
  /** Zero point fixed at 8 (not stored); default false (per-block zero points). */
  symmetric?: boolean;
}

export type Int4KernelName = 'auto' | 'portable' | 'avx2' | 'avx512';

export interface MatMulNBitsOptions extends KernelCallOptions {
  /** Added per output column, length N. */
  bias?: Float32Array;
  /** Force a kernel (default "auto": AVX-512, else AVX2, else portable); see int4Kernels(). */
  kernel?: Int4KernelName;
}

/** The 4-bit kernels this CPU can run. */
export function int4Kernels(): Int4KernelName[] {
  const k = native.int4Kernels();
  return ['auto', 'portable', ...(k.avx2 ? (['avx2'] as const) : []), ...(k.avx512 ? (['avx512'] as const) : [])];
}

function blocksOf(k: number, blockSize: number): number {
  return Math.ceil(k / blockSize);
}

export async function quantizeInt4Weights(w: Tensor<Float32Array>, options: QuantizeInt4Options = {}): Promise<Int4Weights> {
  const weights = expectTensor('w', w, [Float32Array], expectMaxElements(options.maxElements));
  if (weights.shape.length !== 2) throw invalidArgument(`Expected w.shape to be a matrix [K, N] but received [${weights.shape.join(', ')}]`, 'w.shape');
  const [k, n] = weights.shape as [number, number];
  const blockSize = options.blockSize === undefined ? 32 : expectPowerOfTwo('blockSize', options.blockSize, 16, 256);
  const symmetric = options.symmetric ?? false;
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const out = await callNative('quantizeInt4Weights', () => native.quantizeNBits({ w: weights.data, k, n, blockSize, symmetric, threads, cancel }));
  return out.zeroPoints === undefined
    ? { k, n, blockSize, data: out.data, scales: out.scales }
    : { k, n, blockSize, data: out.data, scales: out.scales, zeroPoints: out.zeroPoints };
}

/**
 * 4-bit weights validated once and copied into private storage, for repeated products with the
 * same weight (as ONNX Runtime pre-packs its initializers): checking every scale is O(N * blocks)
 * JavaScript, 0.5 ms a call at K = N = 4096 with blocks of 32, as long as the product itself.
 * Later writes to the caller's arrays cannot reach what native code reads.
 */
export interface PreparedInt4Weights {
  readonly k: number;
  readonly n: number;
  readonly blockSize: number;
}

const preparedWeights = new WeakMap<object, Int4Weights>();

export function prepareInt4Weights(b: Int4Weights, options: Pick<KernelCallOptions, 'maxElements'> = {}): PreparedInt4Weights {
  const w = expectInt4Weights(b, expectMaxElements(options.maxElements));
  const copy: Int4Weights = { k: w.k, n: w.n, blockSize: w.blockSize, data: w.data.slice(), scales: w.scales.slice(), ...(w.zeroPoints ? { zeroPoints: w.zeroPoints.slice() } : {}) };
  const handle = Object.freeze({ k: w.k, n: w.n, blockSize: w.blockSize });
  preparedWeights.set(handle, copy);
  return handle;
}

/** The private arrays of prepared weights (checked against the size cap only), or a full check of plain ones. */
function int4Operand(value: Int4Weights | PreparedInt4Weights, maxElements: number): Int4Weights {
  const prepared = typeof value === 'object' && value !== null ? preparedWeights.get(value) : undefined;
  if (prepared === undefined) return expectInt4Weights(value as Int4Weights, maxElements);
  if (prepared.k * prepared.n > maxElements) throw resourceExhausted('b', prepared.k * prepared.n, maxElements);
  return prepared;
}

function expectInt4Weights(value: Int4Weights, maxElements: number): Int4Weights {
  if (typeof value !== 'object' || value === null) throw invalidArgument('Expected 4-bit weights { k, n, blockSize, data, scales, zeroPoints? } for b', 'b');
  const k = expectInteger('b.k', value.k, 1, maxElements);
  const n = expectInteger('b.n', value.n, 1, maxElements);
  if (k * n > maxElements) throw resourceExhausted('b', k * n, maxElements);
  const blockSize = expectPowerOfTwo('b.blockSize', value.blockSize, 16, 256);
  const blocks = blocksOf(k, blockSize);
  expectTypedArray('b.data', value.data, Uint8Array, n * blocks * (blockSize / 2));
  expectTypedArray('b.scales', value.scales, Float32Array, n * blocks);
  expectScales('b.scales', value.scales);
  if (value.zeroPoints !== undefined) expectTypedArray('b.zeroPoints', value.zeroPoints, Uint8Array, n * Math.ceil(blocks / 2));
  return value;
}

/** Y = A x dequant(B) (+ bias); B as quantizeInt4Weights returns it, or prepared once by prepareInt4Weights. */
export async function matmulNBits(a: Tensor<Float32Array>, b: Int4Weights | PreparedInt4Weights, options: MatMulNBitsOptions = {}): Promise<Tensor<Float32Array>> {
  const maxElements = expectMaxElements(options.maxElements);
  const input = expectTensor('a', a, [Float32Array], maxElements);
  const weights = int4Operand(b, maxElements);
  const k = input.shape[input.shape.length - 1] as number;
  if (weights.k !== k) throw invalidArgument(`Expected b.k to be ${k} (the last dimension of a) but received ${weights.k}`, 'b.k');
  const m = input.data.length / k;
  const n = weights.n;
  if (m * n > maxElements) throw resourceExhausted('y', m * n, maxElements);
  if (options.bias !== undefined) {
    const bias = expectTypedArray('bias', options.bias, Float32Array, n);
    for (let i = 0; i < n; i++) {
      const v = bias[i] as number;
      if (!Number.isFinite(v)) throw invalidArgument(`Expected a finite number for bias[${i}] but received ${v}`, `bias[${i}]`);
    }
  }
  const kernelName = options.kernel === undefined ? 'auto' : expectOneOf('kernel', options.kernel, int4Kernels());
  const kernel = ({ auto: 0, portable: 1, avx2: 2, avx512: 3 } as const)[kernelName];
  const threads = expectThreads(options.threads);
  const cancel = cancelFlagFor(options.signal);
  const y = await callNative('matmulNBits', () =>
    native.matmulNBits({
      a: input.data,
      m,
      k,
      n,
      blockSize: weights.blockSize,
      b: weights.data,
      scales: weights.scales,
      zeroPoints: weights.zeroPoints,
      bias: options.bias,
      kernel,
      threads,
      cancel,
    }),
  );
  return { data: y, shape: input.shape.length === 1 ? [n] : [...input.shape.slice(0, -1), n] };
}
