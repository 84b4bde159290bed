/**
 * Tells whether a stage failed because no kernel server answered. A plugin sees a kernel failure
 * as an exception inside its sandbox and may rethrow it as anything (the host then reports
 * PLUGIN_FAILED), so the worker watches the kernel calls themselves: every call's rejection with
 * UNAVAILABLE (the client's retries over every address used up) is remembered until taken.
 * Tests: kernel-watch.test.ts.
 */
import { ErrorCode, isEdgepressError, type EdgepressError } from '@edgepress/errors';

export interface KernelWatch<T extends object> {
  /** The same service; its calls are watched. */
  readonly service: T;
  /** The last UNAVAILABLE since the previous take(), or null; clears it. */
  take(): EdgepressError | null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

export function watchKernelFailures<T extends object>(service: T): KernelWatch<T> {
  let failure: EdgepressError | null = null;
  const record = (error: unknown): never => {
    if (isEdgepressError(error) && error.code === ErrorCode.UNAVAILABLE) failure = error;
    throw error;
  };
  const watched = new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          return record(error);
        }
        return isThenable(result) ? Promise.resolve(result).catch(record) : result;
      };
    },
  });
  return {
    service: watched,
    take: () => {
      const taken = failure;
      failure = null;
      return taken;
    },
  };
}
