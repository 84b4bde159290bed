/**
 * The native surface, typed in one place. Nothing outside this package calls the addon directly:
 * every exported operation validates its arguments in TypeScript first (validate.ts) and goes
 * through `callNative`, which turns native failures into EdgepressErrors with a JS stack.
 *
 * Operator families add their native signatures to `NativeAddon` below.
 */
import path from 'node:path';
import { EdgepressError, ErrorCode, isErrorCode } from '@edgepress/errors';

/** Element 0 set to 1 asks a running kernel to stop (see src/native/async_task.h). */
export type NativeCancelFlag = Int32Array | undefined;

export interface NativeAddon {
  cpuFeatures(): { avx2: boolean; hardwareThreads: number };

  // part 1: quantization, calibration, GEMM
  quantizeLinear(args: NativeQuantizeArgs): Promise<Int8Array | Uint8Array>;
  dequantizeLinear(args: NativeDequantizeArgs): Promise<Float32Array>;
  minMaxLinear(args: NativeScaleGeometry & { x: Float32Array }): Promise<{ min: Float32Array; max: Float32Array }>;
  packInt8Weights(args: NativeCallArgs & { b: Int8Array; k: number; n: number }): Promise<Uint8Array>;
  gemmInt8(args: NativeGemmInt8Args): Promise<Int32Array | Float32Array | Uint8Array | Int8Array>;
  gemmInt8Dynamic(args: NativeGemmInt8DynamicArgs): Promise<{ y: Float32Array; aScale: number; aZeroPoint: number }>;
  int8Kernels(): { portable: boolean; avx2: boolean; amx: boolean; avx512Vnni: boolean; auto: 'portable' | 'avx2' | 'amx' | 'avx512-vnni' };
  matmulNBits(args: NativeMatMulNBitsArgs): Promise<Float32Array>;
  int4Kernels(): { avx2: boolean; avx512: boolean };
  /** How results of 256 KiB and more got their memory (src/native/quantize_result.cc); for tests. */
  resultBlockStats(): { reused: number; joined: number; mapped: number; cached: number };
  quantizeNBits(
    args: NativeCallArgs & { w: Float32Array; k: number; n: number; blockSize: number; symmetric: boolean },
  ): Promise<{ data: Uint8Array; scales: Float32Array; zeroPoints: Uint8Array | undefined }>;
  Calibrator: new (bins: number) => NativeCalibrator;
  signQuantize(args: NativeSignQuantizeArgs): Promise<{ codes: Int8Array; scale: Float32Array; threshold?: Float32Array }>;
  signDequantize(args: Omit<NativeScaleGeometry, 'granularity' | 'blockSize'> & { codes: Int8Array; scale: Float32Array }): Promise<Float32Array>;
  // end part 1

  // part 2: sparse, clustering, low rank (positional arguments; threads last but one, cancel last)
  magnitudeThreshold(tensors: Float32Array[], pruneCount: number, threads: number, cancel: NativeCancelFlag): Promise<{ threshold: number; below: number }>;
  applyMagnitudeMask(
    tensors: Float32Array[],
    outputs: Float32Array[],
    masks: Uint8Array[],
    threshold: number,
    tiesToPrune: number,
    threads: number,
    cancel: NativeCancelFlag,
  ): Promise<void>;
  nmMask(data: Float32Array, out: Float32Array, mask: Uint8Array, outer: number, axis: number, inner: number, n: number, m: number, threads: number, cancel: NativeCancelFlag): Promise<void>;
  channelImportance(data: Float32Array, out: Float64Array, outer: number, axis: number, inner: number, norm: 1 | 2, threads: number, cancel: NativeCancelFlag): Promise<void>;
  packCsr(data: Float32Array, rows: number, cols: number, transpose: boolean, threads: number, cancel: NativeCancelFlag): Promise<{ indptr: Int32Array; indices: Int32Array; values: Float32Array }>;
  unpackCsr(indptr: Int32Array, indices: Int32Array, values: Float32Array, rows: number, cols: number, transpose: boolean, out: Float32Array, threads: number, cancel: NativeCancelFlag): Promise<void>;
  /** kernel: 0 auto, 1 portable, 2 AVX2, 3 AVX-512. y undefined: the result comes from the native output pool. */
  csrMatmul(
    indptr: Int32Array,
    indices: Int32Array,
    values: Float32Array,
    m: number,
    k: number,
    b: Float32Array,
    n: number,
    y: Float32Array | undefined,
    kernel: 0 | 1 | 2 | 3,
    threads: number,
    cancel: NativeCancelFlag,
    blockStarts: Int32Array | undefined,
    blocks: number,
  ): Promise<Float32Array>;
  matmulDenseCsc(
    x: Float32Array,
    m: number,
    k: number,
    colptr: Int32Array,
    rowIndices: Int32Array,
    values: Float32Array,
    n: number,
    y: Float32Array | undefined,
    kernel: 0 | 1 | 2 | 3,
    threads: number,
    cancel: NativeCancelFlag,
    blockStarts: Int32Array | undefined,
    blocks: number,
  ): Promise<Float32Array>;
  sparseKernels(): { portable: boolean; avx2: boolean; avx512: boolean; auto: 'portable' | 'avx2' | 'avx512' };
  kmeans1d(
    data: Float32Array,
    indices: Uint8Array,
    k: number,
    seed: number,
    maxIterations: number,
    tolerance: number,
    threads: number,
    cancel: NativeCancelFlag,
  ): Promise<{ codebook: Float32Array; mse: number; iterations: number }>;
  huffmanCode(stream: Uint8Array, threads: number, cancel: NativeCancelFlag): Promise<{ counts: Float64Array; lengths: Uint8Array; totalBits: number }>;
  truncatedSvd(
    a: Float32Array,
    m: number,
    n: number,
    rank: number,
    oversample: number,
    powerIterations: number,
    seed: number,
    energy: number,
    threads: number,
    cancel: NativeCancelFlag,
  ): Promise<{ rank: number; u: Float32Array; s: Float64Array; vt: Float32Array; totalEnergy: number }>;
  tucker2(
    w: Float32Array,
    cout: number,
    cin: number,
    spatial: number,
    rankOut: number,
    rankIn: number,
    oversample: number,
    powerIterations: number,
    hooiIterations: number,
    seed: number,
    threads: number,
    cancel: NativeCancelFlag,
  ): Promise<{ first: Float32Array; core: Float32Array; last: Float32Array; relativeError: number }>;
  // end part 2

  // shared-memory regions (src/native/shared_region.cc; see shared-memory.ts)
  sharedRegionCreate(byteLength: number, tag: string): { buffer: ArrayBuffer; fd: number };
  sharedRegionOpen(pid: number, fd: number, tag: string, byteLength: number): ArrayBuffer;
  sharedRegionClose(buffer: ArrayBuffer): void;
  sharedRegionSupported(): boolean;
}

// part 1: quantization, calibration, GEMM -- argument objects of the native functions above.
/** Every native call of part 1 takes these. */
export interface NativeCallArgs {
  threads: number;
  cancel: NativeCancelFlag;
}

/** A tensor viewed as [outer, axisDim, inner]; granularity 0 per tensor, 1 per axis, 2 block-wise. */
export interface NativeScaleGeometry extends NativeCallArgs {
  outer: number;
  axisDim: number;
  inner: number;
  granularity: 0 | 1 | 2;
  blockSize: number;
}

export interface NativeQuantizeArgs extends NativeScaleGeometry {
  x: Float32Array;
  /** Written in place of a new result when given (checked by quantizeLinear). */
  out?: Int8Array | Uint8Array;
  scale: Float32Array;
  zeroPoint: Int32Array | undefined;
  qmin: number;
  qmax: number;
  bits: 4 | 8;
}

export interface NativeDequantizeArgs extends NativeScaleGeometry {
  x: Int8Array | Uint8Array;
  signed: boolean;
  scale: Float32Array;
  zeroPoint: Int32Array | undefined;
  bits: 4 | 8;
}

/** B packed by packInt8Weights; kernel 0 auto, 1 portable, 2 AVX2, 3 AMX, 4 AVX-512 VNNI. */
export interface NativeInt8Operands extends NativeCallArgs {
  m: number;
  k: number;
  n: number;
  packed: Uint8Array;
  /** Per column (length n); undefined when every B zero point is 0. */
  bZeroPoint: Int32Array | undefined;
  kernel: 0 | 1 | 2 | 3 | 4;
}

/** output 0: int32; 1: float(y) * multiplier[n] + bias[n]; 2: saturate(round(float(y) * multiplier[n]) + yZeroPoint). */
export interface NativeGemmInt8Args extends NativeInt8Operands {
  a: Uint8Array | Int8Array;
  aZeroPoint: number;
  output: 0 | 1 | 2;
  multiplier: Float32Array | undefined;
  bias: Float32Array | undefined;
  yZeroPoint: number;
  qmin: number;
  qmax: number;
}

export interface NativeGemmInt8DynamicArgs extends NativeInt8Operands {
  a: Float32Array;
  bScale: Float32Array;
  bias: Float32Array | undefined;
}

/** MatMulNBits, 4 bits: b [n][blocks][blockSize / 2], scales [n * blocks], zeroPoints [n * ceil(blocks / 2)]. kernel 0 auto, 1 portable, 2 AVX2, 3 AVX-512. */
export interface NativeMatMulNBitsArgs extends NativeCallArgs {
  a: Float32Array;
  m: number;
  k: number;
  n: number;
  blockSize: number;
  b: Uint8Array;
  scales: Float32Array;
  zeroPoints: Uint8Array | undefined;
  bias: Float32Array | undefined;
  kernel: 0 | 1 | 2 | 3;
}

export interface NativeHistogramSide {
  counts: Float64Array;
  binWidth: number;
  seen: boolean;
}

/** Streaming histogram state (src/native/calibrate_histogram.h); method 0 min-max, 1 percentile, 2 entropy, 3 mse. */
export interface NativeCalibrator {
  update(args: NativeCallArgs & { batch: Float32Array }): Promise<void>;
  range(args: { method: 0 | 1 | 2 | 3; symmetric: boolean; percentile: number; bits: number; cancel: NativeCancelFlag }): Promise<{ min: number; max: number }>;
  histogram(): { positive: NativeHistogramSide; negative: NativeHistogramSide; count: number; min: number; max: number };
  stats(): { count: number; min: number; max: number; bins: number; stateBytes: number };
}

/** Binary/ternary quantization over channels [outer, axisDim, inner]; threshold and scale per channel, optional. */
export interface NativeSignQuantizeArgs extends Omit<NativeScaleGeometry, 'granularity' | 'blockSize'> {
  x: Float32Array;
  ternary: boolean;
  thresholdRatio: number;
  threshold: Float32Array | undefined;
  scale: Float32Array | undefined;
}
// end part 1

function loadAddon(): NativeAddon {
  const file = path.join(__dirname, '..', 'build', 'Release', 'edgepress_kernels.node');
  try {
    return require(file) as NativeAddon;
  } catch (cause) {
    throw new EdgepressError(
      ErrorCode.INTERNAL,
      `The native kernels addon is not built (${file}); run "npm install" or "npm run install -w @edgepress/kernels-native"`,
      { cause },
    );
  }
}

export const native: NativeAddon = loadAddon();

/** Converts an error thrown by the addon (with a `code` property) into an EdgepressError. */
export function toKernelError(operation: string, error: unknown): EdgepressError {
  if (error instanceof EdgepressError) return error;
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const publicCode = isErrorCode(code) ? code : ErrorCode.INTERNAL;
  return new EdgepressError(publicCode, `${operation}: ${message}`, { cause: error });
}

/** Awaits a native promise, rethrowing failures as EdgepressErrors with this call's stack. */
export async function callNative<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toKernelError(operation, error);
  }
}

/**
 * callNative for operations whose native side runs short kernels on this thread (see
 * src/native/async_task.h): the event loop gets a turn first, as in ONNX Runtime's Node binding
 * (setImmediate before each synchronous run). Without it, back-to-back calls never leave the
 * microtask queue, so the deferred finalizers that return earlier results' memory to the native
 * pools never run, and every call maps fresh pages.
 */
export async function callNativeAfterTurn<T>(operation: string, run: () => Promise<T>): Promise<T> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return callNative(operation, run);
}
