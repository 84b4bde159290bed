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
}

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
