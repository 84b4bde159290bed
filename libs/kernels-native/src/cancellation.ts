import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { NativeCancelFlag } from './binding';

/**
 * Bridges an AbortSignal to the shared flag that native kernels poll between blocks of work.
 * Returns undefined when there is no signal, so kernels skip the check entirely.
 */
export function cancelFlagFor(signal: AbortSignal | undefined): NativeCancelFlag {
  if (signal === undefined) return undefined;
  if (signal.aborted) throw new EdgepressError(ErrorCode.CANCELLED, 'The operation was cancelled before it started');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  signal.addEventListener('abort', () => Atomics.store(flag, 0, 1), { once: true });
  return flag;
}
