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
  // end part 1
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
